import Foundation
import Testing

@testable import TextGrad

@Suite("TaskLoader on the shared data", .enabled(if: SharedDataFolder.isAvailable))
struct TaskLoaderTests {
  /// An empty cache for the test; the shared folder must supply every file.
  let cache: TemporaryFolder
  let loader: TaskLoader

  init() throws {
    cache = try TemporaryFolder()
    loader = TaskLoader(locator: SharedDataFolder.offlineLocator(cache: cache.url))
  }

  private func bigBenchHardRecords(_ file: DatasetFile) throws -> [BigBenchHardRecord] {
    let folder = try #require(SharedDataFolder.url)
    let bytes = try Data(contentsOf: folder.appendingPathComponent(file.path))
    return try BigBenchHardFile.records(from: bytes, file: file)
  }

  @Test(
    "BIG-Bench Hard tasks split 50/100/100 in file order",
    arguments: [
      (TaskName.objectCounting, DatasetFile.bbhObjectCounting),
      (.wordSorting, .bbhWordSorting), (.multistepArithmeticTwo, .bbhMultistepArithmeticTwo),
    ])
  func bigBenchHardSplits(task: TaskName, file: DatasetFile) async throws {
    let definition = try await loader.load(task)
    let records = try bigBenchHardRecords(file)
    let examples = records.map { Example(x: $0.input, y: $0.target) }
    #expect(definition.train == Array(examples[0..<50]))
    #expect(definition.val == Array(examples[50..<150]))
    #expect(definition.test == Array(examples[150..<250]))
    #expect(definition.examples(.val) == definition.val)
  }

  @Test("object counting's first training example is the file's first example")
  func objectCountingFirstExample() async throws {
    let definition = try await loader.load(named: "BBH_object_counting")
    #expect(definition.train.first?.x.hasPrefix("I have a flute, a piano, a trombone") == true)
    #expect(definition.train.first?.y == "8")
    #expect(definition.scoring == .lastInteger)
    #expect(definition.name == "object_counting")
  }

  @Test("GSM8K uses FedTextGrad's seed-0 shuffles and 'Question: ' inputs")
  func gsm8kSplits() async throws {
    let definition = try await loader.load(named: "GSM8K_DSPy")
    #expect(definition.name == "gsm8k")
    #expect(definition.train.count == 50)
    #expect(definition.val.count == 100)
    #expect(definition.test.count == 100)
    let folder = try #require(SharedDataFolder.url)
    let train = try GSM8KFile.records(
      from: Data(contentsOf: folder.appendingPathComponent("gsm8k/train.jsonl")), file: .gsm8kTrain)
    let test = try GSM8KFile.records(
      from: Data(contentsOf: folder.appendingPathComponent("gsm8k/test.jsonl")), file: .gsm8kTest)
    // Positions from CPython: random.Random(0).shuffle of the 7473 train and 1319 test indices
    // puts train row 4530 first and row 1872 at 200, and test row 282 at 300.
    #expect(definition.train.first == Example(x: "Question: " + train[4530].question, y: "24"))
    #expect(definition.val.first == Example(x: "Question: " + train[1872].question, y: "2200"))
    #expect(definition.test.first == Example(x: "Question: " + test[282].question, y: "195"))
  }

  @Test("a larger GSM8K training split keeps the usual 50 first and takes no validation row")
  func gsm8kLargerTraining() async throws {
    let usual = try await loader.load(.gsm8k)
    let larger = try await loader.load(.gsm8k, trainCount: 3000)
    #expect(larger.train.count == 3000)
    #expect(Array(larger.train.prefix(50)) == usual.train)
    #expect(larger.val == usual.val && larger.test == usual.test)
    let validation = Set(usual.val.map(\.x))
    #expect(!larger.train.contains { validation.contains($0.x) })
    let whole = try await loader.load(.gsm8k, trainCount: 100_000)
    #expect(whole.train.count == TaskLoader.maximumTrainCount(of: .gsm8k))
    #expect(Set(whole.train.map(\.x)).isDisjoint(with: validation))
  }

  @Test(
    "every task's starting prompt ends with its answer-format instruction",
    arguments: TaskName.allCases)
  func promptsEndWithFormat(task: TaskName) async throws {
    let definition = try await loader.load(task)
    #expect(definition.startingSystemPrompt.hasSuffix(definition.answerFormatInstruction))
    #expect(definition.answerFormatInstruction.contains("'Answer: $VALUE'"))
    #expect(definition.startingSystemPrompt.count > definition.answerFormatInstruction.count)
  }

  @Test(
    "every target scores as correct against itself and wrong against another target",
    arguments: TaskName.allCases)
  func targetsScoreThemselves(task: TaskName) async throws {
    let definition = try await loader.load(task)
    let all = definition.train + definition.val + definition.test
    for example in all {
      #expect(definition.isCorrect(response: "Answer: \(example.y)", for: example), "\(example.y)")
    }
    let other = try #require(all.first { $0.y != all[0].y })
    #expect(!definition.isCorrect(response: "Answer: \(other.y)", for: all[0]))
  }
}

@Suite("TaskLoader errors")
struct TaskLoaderErrorTests {
  @Test("an unknown task name is an error with a suggestion")
  func unknownName() async throws {
    let cache = try TemporaryFolder()
    let loader = TaskLoader(
      locator: DataLocator(dataDirectory: nil, cacheDirectory: cache.url))
    let error = await #expect(throws: UnknownTaskError.self) {
      try await loader.load(named: "object_countin")
    }
    #expect(error?.suggestion == "object_counting")
  }

  @Test("a missing file with no reachable source is an error naming the file and the URL")
  func missingFile() async throws {
    let cache = try TemporaryFolder()
    let locator = DataLocator(
      dataDirectory: nil, cacheDirectory: cache.url,
      baseURLs: [.bigBenchHard: "http://127.0.0.1:9/"],
      downloader: HTTPDownloader(connectTimeout: 2, totalTimeout: 5))
    let error = await #expect(throws: DataError.self) {
      try await TaskLoader(locator: locator).load(.wordSorting)
    }
    #expect(error?.file == "bbh/word_sorting.json")
    #expect(error?.description.contains("http://127.0.0.1:9/word_sorting.json") == true)
  }
}
