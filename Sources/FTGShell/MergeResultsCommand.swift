import ArgumentParser
import FTGLang
import Foundation

/// `ftg merge-results DIR`: joins the shares of every split sweep saved in DIR
/// (`NAME.shard-I-of-K.json`, from `ftg run SCRIPT --shard I/K`) into `NAME.json`, in the
/// whole sweep's order, and prints each as a table.
struct MergeResultsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge-results", abstract: "Join the shares of split sweeps into one table each.")

  @Argument(help: "The folder the shares saved their results in (save_results' dir, default results).")
  var folder: String = "results"

  func run() async throws {
    let host = StandardHost()
    let names = ShardedResults.splitNames(in: folder, host: host)
    guard !names.isEmpty else {
      host.writeError("ftg: no split results in \(folder) (files named NAME.shard-I-of-K.json)\n")
      throw ExitCode.failure
    }
    var failed = false
    for name in names {
      do {
        host.write("\(name):\n" + (try ShardedResults.mergedTable(name: name, folder: folder, host: host)) + "\n")
      } catch {
        failed = true
        host.writeError("ftg: \(error)\n")
      }
    }
    if failed { throw ExitCode.failure }
  }
}
