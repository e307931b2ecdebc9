import { equal } from "node:assert/strict";
import { ollamaBaseUrl } from "./ollama_endpoint.ts";

Deno.test("ollamaBaseUrl follows the ollama client's OLLAMA_HOST rules", () => {
  equal(ollamaBaseUrl(undefined), "http://127.0.0.1:11434");
  equal(ollamaBaseUrl(""), "http://127.0.0.1:11434");
  equal(ollamaBaseUrl("0.0.0.0"), "http://127.0.0.1:11434");
  equal(ollamaBaseUrl("0.0.0.0:8080"), "http://127.0.0.1:8080");
  equal(ollamaBaseUrl("localhost:5000"), "http://localhost:5000");
  equal(ollamaBaseUrl("http://10.0.0.5"), "http://10.0.0.5:11434");
  equal(ollamaBaseUrl("https://ollama.lan:443/"), "https://ollama.lan");
  equal(ollamaBaseUrl("http://box:11434/ollama/"), "http://box:11434/ollama");
});
