import TextGrad

/// Reading domain values out of call arguments, with errors that name the argument.
enum DomainArguments {
  /// A Variable argument; a string becomes a constant Variable (an input, not trained).
  static func variable(_ args: Arguments, _ index: Int, _ name: String, role: String = "query to the language model")
    throws -> Variable
  {
    switch args.positional[index] {
    case .object(let v as VariableObject): return v.variable
    case .string(let s): return Variable(s, role: role, requiresGrad: false)
    default: throw args.typeError(index, name, expected: "a Variable or a String")
    }
  }

  /// An example record `{x, y}`.
  static func example(_ args: Arguments, _ index: Int) throws -> Example {
    guard case .record(let r) = args.positional[index], case .string(let x)? = r["x"], let y = r["y"] else {
      throw args.typeError(index, "example", expected: "an example {x, y}")
    }
    return Example(x: x, y: y.rendered)
  }

  /// The `engine:` argument: an engine value, or an engine name.
  static func engine(_ args: Arguments, _ interpreter: Interpreter, label: String = "engine") throws -> EngineObject {
    guard let given = args.labelled(label) else {
      throw Diagnostic(Messages.missingArgument(label, function: args.functionName), at: args.callRange)
    }
    switch given.value {
    case .object(let engine as EngineObject): return engine
    case .string(let name):
      return try Engines.make(name: name, options: EngineOptions(), interpreter: interpreter, at: given.range)
    default:
      throw Diagnostic(
        Messages.argumentType(
          label, expected: "an engine (engine(\"name\")) or an engine name", got: given.value.described),
        at: given.range)
    }
  }

  /// Runs domain work, turning its errors into diagnostics at the call.
  static func run<T>(_ args: Arguments, _ work: () async throws -> T) async throws -> T {
    do {
      return try await work()
    } catch let diagnostic as Diagnostic {
      throw diagnostic
    } catch is CancellationError {
      throw Diagnostic(Messages.interrupted, at: args.callRange)
    } catch let exhausted as BudgetExhausted {
      throw Diagnostic("\(exhausted)", at: args.callRange, kind: .budgetReached)
    } catch {
      throw Diagnostic("\(args.functionName): \(error)", at: args.callRange, kind: kind(of: error))
    }
  }

  /// The kind of diagnostic a domain error makes, so front ends act on what failed, not on
  /// its words.
  static func kind(of error: any Error) -> Diagnostic.Kind {
    guard let engine = error as? EngineError else { return .general }
    if engine.isConfigurationError { return .engineMisconfigured }
    return engine.isConnectionFailure ? .serverUnreachable : .general
  }
}
