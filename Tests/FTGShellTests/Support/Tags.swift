import Testing

extension Tag {
  /// Tests that check real language behaviour through FTGLang's `Session`; they fail while
  /// the session is a placeholder (`swift test --skip realLanguage` leaves them out).
  @Tag static var needsRealLanguage: Self
}
