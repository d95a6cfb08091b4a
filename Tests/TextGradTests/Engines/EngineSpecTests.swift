import FTGTestSupport
import Testing

@testable import TextGrad

@Suite struct EngineSpecTests {
  @Test(arguments: [
    ("gpt-4o", EngineSpec.openAI(model: "gpt-4o")),
    ("gpt-4o-mini", .openAI(model: "gpt-4o-mini")),
    ("o1-preview", .openAI(model: "o1-preview")),
    ("o3-mini", .openAI(model: "o3-mini")),
    ("o4-mini", .openAI(model: "o4-mini")),
    ("ollama-llama3.1", .ollama(model: "llama3.1")),
    ("ollama-qwen2.5:7b", .ollama(model: "qwen2.5:7b")),
    ("vllm-meta-llama/Llama-3.1-8B-Instruct", .vllm(model: "meta-llama/Llama-3.1-8B-Instruct")),
    ("sglang-Qwen/Qwen2.5-7B", .sglang(model: "Qwen/Qwen2.5-7B")),
    ("local", .local),
  ])
  func namesRouteToTheirServers(name: String, expected: EngineSpec) throws {
    let spec = try EngineSpec(parsing: name)
    #expect(spec == expected)
    #expect(spec.name == name)
  }

  @Test(arguments: ["llama3", "claude-3", "o2-mini", "gpt-", "openai", "", "o"])
  func unknownNamesAreErrorsNamingThem(name: String) {
    #expect {
      try EngineSpec(parsing: name)
    } throws: { error in
      "\(error)".contains("unknown engine '\(name)'")
    }
  }

  @Test(arguments: ["ollama-", "vllm-", "sglang-"])
  func prefixWithoutModelIsAnError(name: String) {
    #expect {
      try EngineSpec(parsing: name)
    } throws: { error in
      "\(error)".contains("'\(name)' names no model")
    }
  }

  @Test func defaultBaseURLs() throws {
    let cases: [(String, String)] = [
      ("ollama-llama3.1", "http://localhost:11434/v1"),
      ("vllm-m", "http://localhost:8000/v1"),
      ("sglang-m", "http://localhost:30000/v1"),
    ]
    for (name, base) in cases {
      let endpoint = try EngineSpec(parsing: name).endpoint(in: [:])
      #expect(endpoint.baseURL == base)
      #expect(endpoint.apiKey == nil)
    }
    let openAI = try EngineSpec(parsing: "gpt-4o").endpoint(in: ["OPENAI_API_KEY": "sk-1"])
    #expect(openAI.baseURL == "https://api.openai.com/v1")
    #expect(openAI.chatCompletionsURL == "https://api.openai.com/v1/chat/completions")
  }

  @Test func environmentOverridesBaseURLsAndKeys() throws {
    let environment = [
      "OPENAI_BASE_URL": "http://proxy:1/v1/", "OPENAI_API_KEY": "sk-a",
      "OLLAMA_BASE_URL": "http://gpu:11434/v1", "OLLAMA_API_KEY": "ol-b",
      "VLLM_BASE_URL": "http://gpu:9000/v1", "VLLM_API_KEY": "vl-c",
      "SGLANG_BASE_URL": "http://gpu:9001/v1", "SGLANG_API_KEY": "sg-d",
    ]
    let openAI = try EngineSpec(parsing: "gpt-4o").endpoint(in: environment)
    #expect(openAI.baseURL == "http://proxy:1/v1")
    #expect(openAI.apiKey == "sk-a")
    #expect(openAI.model == "gpt-4o")
    let ollama = try EngineSpec(parsing: "ollama-llama3.1").endpoint(in: environment)
    #expect(ollama.baseURL == "http://gpu:11434/v1")
    #expect(ollama.apiKey == "ol-b")
    #expect(ollama.model == "llama3.1")
    let vllm = try EngineSpec(parsing: "vllm-m").endpoint(in: environment)
    #expect(vllm.baseURL == "http://gpu:9000/v1" && vllm.apiKey == "vl-c")
    let sglang = try EngineSpec(parsing: "sglang-m").endpoint(in: environment)
    #expect(sglang.baseURL == "http://gpu:9001/v1" && sglang.apiKey == "sg-d")
  }

  @Test func missingOpenAIKeyNamesTheVariable() {
    #expect {
      try EngineSpec(parsing: "gpt-4o").endpoint(in: ["OPENAI_API_KEY": ""])
    } throws: { error in
      "\(error)" == "missing API key: set the environment variable OPENAI_API_KEY"
    }
  }

  @Test func explicitBaseURLAndKeyVariable() throws {
    let spec = try EngineSpec(
      model: "meta/llama", baseURL: "https://together.example/v1", keyVariable: "TOGETHER_KEY")
    let endpoint = try spec.endpoint(in: ["TOGETHER_KEY": "tg-secret"])
    #expect(endpoint.baseURL == "https://together.example/v1")
    #expect(endpoint.apiKey == "tg-secret")
    #expect(!endpoint.description.contains("tg-secret"))
    #expect {
      try spec.endpoint(in: [:])
    } throws: { error in
      "\(error)".contains("TOGETHER_KEY")
    }
    let keyless = try EngineSpec(model: "m", baseURL: "http://127.0.0.1:8080/v1", keyVariable: nil)
    #expect(try keyless.endpoint(in: [:]).apiKey == nil)
  }

  @Test(arguments: ["localhost:8080", "ftp://host/v1", "http://", ""])
  func badBaseURLsAreRejected(url: String) {
    #expect {
      try EngineSpec(model: "m", baseURL: url, keyVariable: nil)
    } throws: { error in
      "\(error)".contains("invalid base URL '\(url)'")
    }
  }

  @Test func badBaseURLInTheEnvironmentNamesTheVariable() {
    #expect {
      try EngineSpec(parsing: "vllm-m").endpoint(in: ["VLLM_BASE_URL": "gpu:8000/v1"])
    } throws: { error in
      "\(error)".hasPrefix("invalid base URL 'gpu:8000/v1' in VLLM_BASE_URL")
    }
  }

  @Test func localNeedsTheLauncher() {
    #expect {
      try EngineSpec.local.endpoint(in: [:])
    } throws: { error in
      "\(error)".contains("local engine")
    }
  }
}

@Suite struct EngineSpecMakeEngineTests {
  @Test func madeEngineReachesTheServerAndCaches() async throws {
    let server = try await FakeOpenAIServer()
    let environment = ["OLLAMA_BASE_URL": server.baseURL]
    let spec = try EngineSpec(parsing: "ollama-llama3.1")
    let engine = try spec.makeEngine(environment: environment, store: InMemoryResponseStore())
    #expect(engine.model == "llama3.1")
    #expect(try await engine.complete([.user("routed")]).text == "routed")
    #expect(try await engine.complete([.user("routed")]).cached)
    #expect(try server.stats().requests == 1)
    #expect(try server.stats().lastBody?.model == "llama3.1")
    let uncached = try spec.makeEngine(environment: environment, store: nil)
    #expect(uncached is OpenAICompatibleEngine)
  }
}
