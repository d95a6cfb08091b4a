extension Prelude {
  static let sweeps: [String: NativeFunction] = [
    "shard_of": NativeFunction(
      signature: "shard_of(configurations)",
      summary:
        "the configurations this process runs: all of them, or with `ftg run --shard i/k` every k-th from the i-th (stdlib/sweep's sweep uses it)",
      example: "for c in shard_of(grid({steps: [1, 2], batch: [1, 3]})) { ... }", arity: 1...1
    ) { args, interpreter in
      let all = try Iteration.elements(of: args.positional[0], at: args.range(at: 0))
      guard let shard = interpreter.sweepShard else { return .list(all) }
      return .list(all.enumerated().filter { shard.owns($0.offset) }.map(\.element))
    },
    "save_results": NativeFunction(
      signature: "save_results(rows, name, dir: \"results\")",
      summary:
        "saves a sweep's rows as DIR/NAME.json, or DIR/NAME.shard-I-of-K.json in a share of a split sweep, for `ftg merge-results DIR` to join",
      example: "save_results(sweep(\"steps\", [1, 2, 4], f), \"steps\")", labels: ["dir"], arity: 2...2
    ) { args, interpreter in
      guard case .list(let rows) = args.positional[0] else {
        throw Diagnostic(
          Messages.argumentType("rows", expected: "a list", got: args.positional[0].described), at: args.range(at: 0))
      }
      let name = try args.string(1, "name")
      let folder = try args.labelled("dir").map { try string($0, "dir") } ?? "results"
      do {
        return .string(
          try ShardedResults.save(
            rows, name: name, shard: interpreter.sweepShard, folder: folder, host: interpreter.host))
      } catch let unstorable as StoredValue.Unstorable {
        throw Diagnostic(unstorable.description, at: args.range(at: 0))
      } catch let failure as ShardedResults.Failure {
        throw Diagnostic(failure.description, at: args.range(at: 1))
      } catch {
        throw Diagnostic(Messages.cannotWrite(folder, error.localizedDescription), at: args.callRange)
      }
    },
    "merge_results": NativeFunction(
      signature: "merge_results(name, dir: \"results\")",
      summary:
        "joins the shares of a split sweep saved under name into the rows of the whole sweep, in its order (and writes DIR/NAME.json)",
      example: "table(merge_results(\"steps\"))", labels: ["dir"], arity: 1...1
    ) { args, interpreter in
      let name = try args.string(0, "name")
      let folder = try args.labelled("dir").map { try string($0, "dir") } ?? "results"
      do {
        return .list(try ShardedResults.merge(name: name, folder: folder, host: interpreter.host))
      } catch {
        throw Diagnostic("\(error)", at: args.callRange)
      }
    },
  ]
}
