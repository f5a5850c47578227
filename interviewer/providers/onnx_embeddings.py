"""The local embedding model run by onnxruntime instead of torch.

Loading all-MiniLM-L6-v2 through sentence-transformers imports torch and transformers: 5-8 s and ~500 MB
per process, paid by every doctor run, first case and browser session. The same weights exported once to
ONNX load in 0.3 s and give the same vectors (cosine 1.0 to within 1e-6; tests/integration checks it), so
the vector cache and the knowledge index stay valid.

The export needs torch and runs once per environment: the install step does it
(`python -m interviewer.providers.embeddings`), and the first use does it if the install step did not.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
import threading
import warnings
from pathlib import Path
from typing import Any

import numpy as np

MAX_TOKENS = 256  # all-MiniLM-L6-v2's max_seq_length in sentence_bert_config.json
BATCH = 32
INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def onnx_file(model_path: str) -> Path:
    """Where the export of the model folder lives: beside the environment that installed its weights, keyed
    by the folder and its weights' size so that another model or a reinstall gets its own file."""
    weights = Path(model_path) / "model.safetensors"
    size = weights.stat().st_size if weights.is_file() else 0
    key = hashlib.sha256(f"{Path(model_path).resolve()}:{size}".encode()).hexdigest()[:12]
    return Path(sys.prefix) / "share" / "interviewer" / f"embeddings-{key}.onnx"


def export(model_path: str, target: Path) -> Path:
    """Trace the transformer (token vectors out; pooling stays in `OnnxEmbeddings`) into `target`."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch  # deferred: the export is the only place that still needs torch
    from transformers import AutoModel, AutoTokenizer
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()

    model = AutoModel.from_pretrained(model_path).eval()
    tokenizer = AutoTokenizer.from_pretrained(model_path)

    class TokenVectors(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.model(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=token_type_ids).last_hidden_state

    sample = tokenizer(["a short text", "a somewhat longer text to trace"], padding=True, return_tensors="pt")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as scratch, torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the tracer's notes on branches that are constant for this model
        partial = Path(scratch) / target.name
        axes = {name: {0: "batch", 1: "tokens"} for name in (*INPUTS, "token_vectors")}
        torch.onnx.export(TokenVectors(), tuple(sample[name] for name in INPUTS), str(partial),
                          input_names=list(INPUTS), output_names=["token_vectors"], dynamic_axes=axes,
                          opset_version=17, dynamo=False)
        partial.replace(target)  # atomic: a process killed mid-export leaves no half file
    return target


class OnnxEmbeddings:
    """Mean-pooled, normalised sentence vectors, as sentence-transformers computes them for this model."""

    runtime = "onnxruntime"

    def __init__(self, model_path: str, model_file: Path) -> None:
        import onnxruntime  # deferred: only the local provider needs it (0.2 s)
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(str(Path(model_path) / "tokenizer.json"))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # to the longest text of each batch
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        self._session = onnxruntime.InferenceSession(str(model_file), options,
                                                     providers=["CPUExecutionProvider"])
        self._lock = threading.Lock()  # a Tokenizer's padding settings are shared state

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        # sorted by length so each batch pads little, as sentence-transformers does
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        vectors: list[list[float]] = [[] for _ in texts]
        for start in range(0, len(order), BATCH):
            chunk = order[start:start + BATCH]
            for i, vector in zip(chunk, self._embed([texts[i] for i in chunk]), strict=True):
                vectors[i] = vector.tolist()
        return vectors

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]

    def _embed(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            encoded = self._tokenizer.encode_batch(texts)
        feed = {
            "input_ids": np.array([e.ids for e in encoded], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encoded], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encoded], dtype=np.int64),
        }
        token_vectors = self._session.run(None, feed)[0]
        mask = feed["attention_mask"][..., None].astype(np.float32)
        pooled = (token_vectors * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
        return pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)


def load(model_path: str) -> OnnxEmbeddings:
    """The ONNX model for `model_path`, exported first if this environment has none yet."""
    model_file = onnx_file(model_path)
    if not model_file.is_file():
        export(model_path, model_file)
    return OnnxEmbeddings(model_path, model_file)

