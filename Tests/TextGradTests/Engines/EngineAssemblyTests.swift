import Foundation
import Testing

@testable import TextGrad

/// `EngineAssembly` routes a name to its server (or the embedded model), and stacks the
/// budget and, when on, the cache over it, resolving the endpoints once.
@Suite struct EngineAssemblyTests {
  private func assemble(_ assembly: EngineAssembly, environment: [String: String] = [:]) throws
    -> (EngineAssembly.Engine, opened: Int)
  {
    var opened = 0
    let files = LocalModelFiles(
      serverBinary: "/nonexistent/llama-server", model: "/nonexistent/m.gguf", logDirectory: "/tmp")
    let engine = try assembly.assemble(
      environment: environment, budget: CallBudget(),
      store: {
        opened += 1
        return InMemoryResponseStore()
      }, localServer: { _ in LocalModelServer(files: files) })
    return (engine, opened)
  }

  @Test func aNamedServerGetsItsEndpointsBudgetAndCache() throws {
    var pool = EngineAssembly(name: "vllm-llama3.1")
    pool.baseURL = "http://h1:8000/v1, http://h2:8000/v1/"
    let (engine, opened) = try assemble(pool)
    #expect(engine.location == "http://h1:8000/v1, http://h2:8000/v1")
    #expect(opened == 1)
    let cached = try #require(engine.model as? CachingEngine)
    let budgeted = try #require(cached.base as? BudgetedEngine)
    #expect(budgeted.base is EnginePool)
    #expect(engine.price == nil)

    var openAI = EngineAssembly(name: "gpt-4o")
    openAI.cache = false
    let (plain, unopened) = try assemble(openAI, environment: ["OPENAI_API_KEY": "sk-test"])
    #expect(unopened == 0)
    #expect(plain.model is BudgetedEngine)
    #expect(plain.location == "https://api.openai.com/v1")
    #expect(plain.price == ModelPrice.listPrice(for: "gpt-4o"))
  }

  @Test func theEmbeddedModelStartsNothingUntilAsked() throws {
    let local = EngineAssembly(name: "local")
    #expect(local.localModel == .small)
    let (engine, _) = try assemble(local)
    let cached = try #require(engine.model as? CachingEngine)
    #expect((cached.base as? BudgetedEngine)?.base is LocalEngine)
    #expect(engine.location.contains("started on first use"))
    var elsewhere = EngineAssembly(name: "local")
    elsewhere.baseURL = "http://127.0.0.1:9/v1"
    #expect(elsewhere.localModel == nil)
  }

  @Test func aMissingKeyNamesItsVariable() {
    #expect(throws: EngineError.missingKey(variable: "OPENAI_API_KEY")) {
      try assemble(EngineAssembly(name: "gpt-4o"))
    }
    #expect(throws: EngineError.self) { try assemble(EngineAssembly(name: "no-such-engine")) }
  }
}
