import Testing
@testable import FTGLang
