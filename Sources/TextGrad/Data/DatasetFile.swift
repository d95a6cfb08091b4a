/// A dataset file the project knows: its place in a data folder, its source and its SHA-256.
///
/// The hashes are those of the upstream files recorded in the shared data folder's
/// `SOURCES.md`; every copy, local or downloaded, is checked against them.
public struct DatasetFile: Sendable, Hashable, CustomStringConvertible {
  /// The path inside a data folder, such as `bbh/object_counting.json`.
  public let path: String
  /// The repository the file is downloaded from.
  public let source: DatasetSource
  /// The file's name under the source's base URL.
  public let remoteName: String
  /// The expected SHA-256 of the file's bytes, lower-case hex.
  public let sha256: String

  /// Describes a dataset file.
  public init(path: String, source: DatasetSource, remoteName: String, sha256: String) {
    self.path = path
    self.source = source
    self.remoteName = remoteName
    self.sha256 = sha256
  }

  /// The file's path inside a data folder.
  public var description: String { path }

  /// BIG-Bench Hard's object counting task.
  public static let bbhObjectCounting = bbh(
    "object_counting", sha256: "8acef14dbbdd40d2326ef7755750b6b5fe919fef06276af1bab3f1c297f022ff")
  /// BIG-Bench Hard's word sorting task.
  public static let bbhWordSorting = bbh(
    "word_sorting", sha256: "2a6132d2c99f00d0d2eb1113ac6b4a918bd969d863c48749210d969713db8d43")
  /// BIG-Bench Hard's two-step multistep arithmetic task.
  public static let bbhMultistepArithmeticTwo = bbh(
    "multistep_arithmetic_two",
    sha256: "c9d5a6433c9b78256422a15c78463949c8bec8d85607aa28b52d7234ad4a8595")
  /// GSM8K's official training file (7473 lines).
  public static let gsm8kTrain = DatasetFile(
    path: "gsm8k/train.jsonl", source: .gsm8k, remoteName: "train.jsonl",
    sha256: "17f347dc51477c50d4efb83959dbb7c56297aba886e5544ee2aaed3024813465")
  /// GSM8K's official test file (1319 lines).
  public static let gsm8kTest = DatasetFile(
    path: "gsm8k/test.jsonl", source: .gsm8k, remoteName: "test.jsonl",
    sha256: "3730d312f6e3440559ace48831e51066acaca737f6eabec99bccb9e4b3c39d14")

  /// Every known dataset file.
  public static let all: [DatasetFile] = [
    bbhObjectCounting, bbhWordSorting, bbhMultistepArithmeticTwo, gsm8kTrain, gsm8kTest,
  ]

  /// The known file at `path` (as in `bbh/word_sorting.json`), or nil.
  public static func named(_ path: String) -> DatasetFile? {
    all.first { $0.path == path }
  }

  private static func bbh(_ task: String, sha256: String) -> DatasetFile {
    DatasetFile(
      path: "bbh/\(task).json", source: .bigBenchHard, remoteName: "\(task).json", sha256: sha256)
  }
}
