import Foundation

/// Builds tasks from their dataset files, with the splits TextGrad and FedTextGrad use.
///
/// - BIG-Bench Hard (`object_counting`, `word_sorting`, `multistep_arithmetic_two`): file
///   order; train = examples 0..<50, val = 50..<150, test = 150..<250 (TextGrad's 50/100/100).
///   x is the input, y the target.
/// - GSM8K: FedTextGrad's split. The rows of `train.jsonl` and of `test.jsonl` are each
///   shuffled by `random.Random(0).shuffle`; train = shuffled train rows 0..<50, val = 200..<300,
///   test = shuffled test rows 300..<400. x is `"Question: "` followed by the question (the
///   prefix TextGrad's GSM8K dataset adds), y the number after `####` with commas removed.
///   A larger training split, for federations of many clients, continues with shuffled train
///   rows 50..<200 and then 300..<7,473, so it never takes a validation row and its first 50
///   examples are the usual ones.
public struct TaskLoader: Sendable {
  /// Where dataset files come from.
  public var locator: DataLocator

  /// Creates a loader; by default files are found through `FTG_DATA_DIR` and `FTG_CACHE_DIR`.
  public init(locator: DataLocator = .fromEnvironment()) {
    self.locator = locator
  }

  /// Loads the task called `name` (see `TaskName.init(parsing:)` for accepted spellings).
  public func load(named name: String, templates: PromptTemplates = .ftg) async throws
    -> TaskDefinition
  {
    try await load(try TaskName(parsing: name), templates: templates)
  }

  /// The most training examples `task` has: 50 for BIG-Bench Hard's tasks (250 examples in
  /// all), 7,373 for GSM8K (its training rows but the 100 validation ones).
  public static func maximumTrainCount(of task: TaskName) -> Int {
    task == .gsm8k ? gsm8kTrainRows - 100 : 50
  }

  /// Rows of GSM8K's `train.jsonl` (the file is checked against its hash).
  static let gsm8kTrainRows = 7473

  /// Loads `task` with its starting prompt from `templates`, with `trainCount` training
  /// examples when more than the usual 50 are wanted (up to `maximumTrainCount(of:)`); throws
  /// `DataError` if its files cannot be found, verified or decoded.
  public func load(_ task: TaskName, trainCount: Int = 50, templates: PromptTemplates = .ftg) async throws
    -> TaskDefinition
  {
    let splits: (train: [Example], val: [Example], test: [Example])
    switch task {
    case .objectCounting: splits = try await bigBenchHardSplits(.bbhObjectCounting)
    case .wordSorting: splits = try await bigBenchHardSplits(.bbhWordSorting)
    case .multistepArithmeticTwo: splits = try await bigBenchHardSplits(.bbhMultistepArithmeticTwo)
    case .gsm8k: splits = try await gsm8kSplits(trainCount: trainCount)
    }
    return Self.definition(
      task, train: splits.train, val: splits.val, test: splits.test, templates: templates)
  }

  /// `task` with the given splits and its own starting prompt and answer format (from
  /// `templates`), exact rule and, as in the original, judge or exact evaluation (for splits
  /// kept elsewhere, such as a notebook's record).
  public static func definition(
    _ task: TaskName, train: [Example], val: [Example], test: [Example],
    templates: PromptTemplates = .ftg
  ) -> TaskDefinition {
    let format = templates[.answerFormat(task)]
    return TaskDefinition(
      name: task.rawValue, train: train, val: val, test: test,
      startingSystemPrompt: templates.render(.startingPrompt(task), ["answer_format": format]),
      answerFormatInstruction: format, scoring: scoring(of: task),
      evaluation: TaskEvaluation.original(for: task))
  }

  /// The exact rule of `task`.
  static func scoring(of task: TaskName) -> AnswerScoring {
    switch task {
    case .objectCounting, .gsm8k: return .lastInteger
    case .multistepArithmeticTwo: return .signedInteger
    case .wordSorting: return .sortedWords
    }
  }

  private func bigBenchHardSplits(
    _ file: DatasetFile
  ) async throws -> (train: [Example], val: [Example], test: [Example]) {
    let bytes = try await locator.contents(of: file)
    let records = try BigBenchHardFile.records(from: bytes, file: file)
    let examples = records.map { Example(x: $0.input, y: $0.target) }
    guard examples.count >= 250 else {
      throw DataError(
        file: file.path, reason: .malformed(detail: "\(examples.count) examples, expected 250"))
    }
    return (Array(examples[0..<50]), Array(examples[50..<150]), Array(examples[150..<250]))
  }

  private func gsm8kSplits(trainCount: Int) async throws -> (train: [Example], val: [Example], test: [Example]) {
    let train = try await shuffledGSM8KLines(.gsm8kTrain)
    let test = try await shuffledGSM8KLines(.gsm8kTest)
    guard train.order.count >= 300, test.order.count >= 400 else {
      throw DataError(
        file: DatasetFile.gsm8kTrain.path,
        reason: .malformed(
          detail: "\(train.order.count) train and \(test.order.count) test rows, too few"))
    }
    func examples(_ shuffled: (lines: GSM8KLines, order: [Int]), _ positions: some Sequence<Int>) throws
      -> [Example]
    {
      try positions.map { try shuffled.lines.example(at: shuffled.order[$0]) }
    }
    let trainPositions = Array(0..<200) + Array(300..<train.order.count)
    let trainCount = min(max(50, trainCount), trainPositions.count)
    return (
      try examples(train, trainPositions.prefix(trainCount)), try examples(train, 200..<300),
      try examples(test, 300..<400)
    )
  }

  /// The file's lines and the order `random.Random(0).shuffle` puts them in.
  ///
  /// Shuffling the row numbers moves them as shuffling the rows would, so only the rows a split
  /// keeps are ever decoded.
  private func shuffledGSM8KLines(_ file: DatasetFile) async throws -> (lines: GSM8KLines, order: [Int]) {
    let lines = GSM8KLines(try await locator.contents(of: file), file: file)
    var order = Array(0..<lines.count)
    var generator = PythonRandom(seed: 0)
    generator.shuffle(&order)
    return (lines, order)
  }
}
