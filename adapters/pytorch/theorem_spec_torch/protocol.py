"""Protocol v1 messages (docs/trainer-protocol.md): parsing a `train` request and its .npy files
into a TrainJob, writing a result's .npy files and its JSON line."""
import json
import math
import os
from typing import Any, Dict, List, Optional

import numpy as np

from . import MODES, PROTOCOL_VERSION
from .nets import compile_architecture
from .train import DEFAULT_DIVERGENCE_FACTOR, RunJob, RunResult, TrainJob


class RequestError(ValueError):
    """A request this trainer cannot serve; answered with an `error` message, the process stays up."""


def hello(name: str) -> Dict[str, Any]:
    return {"type": "hello", "protocol": PROTOCOL_VERSION, "name": name, "modes": list(MODES)}


def error(request_id: Optional[str], message: str) -> Dict[str, Any]:
    return {"type": "error", "id": request_id, "message": message}


def progress(request_id: str, done: int, total: int) -> Dict[str, Any]:
    return {"type": "progress", "id": request_id, "done": done, "total": total}


def encode(message: Dict[str, Any]) -> str:
    """One protocol line (no NaN/Infinity: those are not JSON)."""
    return json.dumps(message, allow_nan=False, separators=(",", ":")) + "\n"


def _int(value, what: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise RequestError(f"{what} = {value!r}; expected an integer >= {minimum}")
    return value


def _number(value, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise RequestError(f"{what} = {value!r}; expected a finite number")
    return float(value)


def _load(base: str, rel, what: str, shape: tuple, kind: str) -> np.ndarray:
    """np.load of `base/rel`, checked: dtype kind ('f' float, 'i' integer) and shape (None = any)."""
    if not isinstance(rel, str) or not rel:
        raise RequestError(f"{what} = {rel!r}; expected a path relative to dir")
    path = os.path.join(base, rel)
    try:
        a = np.load(path, allow_pickle=False)
    except Exception as e:  # missing, unreadable, not .npy
        raise RequestError(f"{what}: cannot read {path}: {e}") from e
    if a.dtype.kind not in (kind, "u" if kind == "i" else kind):
        raise RequestError(f"{what}: {path} has dtype {a.dtype}; expected {'float' if kind == 'f' else 'integer'}")
    if len(a.shape) != len(shape) or any(e is not None and e != n for e, n in zip(shape, a.shape)):
        want = ", ".join("?" if e is None else str(e) for e in shape)
        raise RequestError(f"{what}: {path} has shape {list(a.shape)}; expected [{want}]")
    return a


def parse_train(msg: Dict[str, Any]) -> TrainJob:
    """The TrainJob of a `train` message; raises RequestError (or ArchitectureError) when it cannot be served."""
    version = msg.get("protocol")
    if version != PROTOCOL_VERSION:
        raise RequestError(f"protocol version {version!r} is not supported; this trainer speaks version {PROTOCOL_VERSION}")
    mode = msg.get("mode", "free")
    if mode not in MODES:
        raise RequestError(f"mode {mode!r} is not supported; this trainer supports {', '.join(MODES)}")
    base = msg.get("dir")
    if not isinstance(base, str) or not os.path.isdir(base):
        raise RequestError(f"dir = {base!r} is not a directory")
    plan = compile_architecture(msg.get("architecture"))
    layers = msg.get("layers")
    if layers is not None:
        got = [(l.get("rows"), l.get("cols")) for l in layers] if isinstance(layers, list) and all(isinstance(l, dict) for l in layers) else layers
        if got != plan.shapes:
            raise RequestError(f"layers = {layers!r} do not match the architecture's parameter shapes "
                               f"{[{'rows': r, 'cols': c} for r, c in plan.shapes]}")
    steps = _int(msg.get("steps"), "steps", 0)
    full = msg.get("fullBatch", False) is True
    runs_msg = msg.get("runs")
    if not isinstance(runs_msg, list) or not runs_msg:
        raise RequestError("runs is empty or missing; expected at least one run")

    record = msg.get("recordAt", [0, steps])
    if not isinstance(record, list) or any(isinstance(t, bool) or not isinstance(t, int) or not 0 <= t <= steps for t in record):
        raise RequestError(f"recordAt = {record!r}; expected integer steps in [0, steps = {steps}]")
    if record != sorted(set(record)) or 0 not in record or steps not in record:
        raise RequestError(f"recordAt = {record!r}; expected sorted distinct steps including 0 and steps = {steps}")

    factor = msg.get("divergenceFactor")
    factor = DEFAULT_DIVERGENCE_FACTOR if factor is None else _number(factor, "divergenceFactor")
    if msg.get("schedule") is None:
        schedule = np.ones(steps, dtype=np.float64)
    else:
        schedule = _load(base, msg["schedule"], "schedule", (steps,), "f").astype(np.float64)
        if not np.isfinite(schedule).all():
            raise RequestError("schedule has non-finite entries")

    runs: List[RunJob] = []
    N = None
    C = plan.output_dim
    for i, r in enumerate(runs_msg):
        at = f"runs[{i}]"
        if not isinstance(r, dict):
            raise RequestError(f"{at} = {r!r}; expected an object")
        seed = r.get("seed")
        if isinstance(seed, bool) or not isinstance(seed, int):
            raise RequestError(f"{at}.seed = {seed!r}; expected an integer")
        lam = _number(r.get("weightDecay"), f"{at}.weightDecay")
        eta = _number(r.get("learningRate"), f"{at}.learningRate")
        if lam < 0 or eta <= 0:
            raise RequestError(f"{at}: weightDecay = {lam}, learningRate = {eta}; expected λ >= 0 and η > 0")
        count = r.get("count")
        x = _load(base, r.get("inputs"), f"{at}.inputs", (count if isinstance(count, int) else None, plan.input_size), "f")
        n = x.shape[0]
        if N is None:
            N = n
        elif n != N:
            raise RequestError(f"{at} has {n} samples; runs[0] has {N} (runs of a request share N)")
        y = _load(base, r.get("targets"), f"{at}.targets", (N, C), "f")
        job = RunJob(seed=seed, weight_decay=lam, learning_rate=eta,
                     inputs=np.ascontiguousarray(x, dtype=np.float32), targets=np.ascontiguousarray(y, dtype=np.float32))
        if mode == "aligned":
            init = r.get("initialWeights")
            if not isinstance(init, list) or len(init) != len(plan.layers):
                raise RequestError(f"{at}.initialWeights = {init!r}; expected {len(plan.layers)} files (aligned mode)")
            job.initial_weights = [_load(base, p, f"{at}.initialWeights[{k}]", shape, "f")
                                   for k, (p, shape) in enumerate(zip(init, plan.shapes))]
        runs.append(job)

    B = N if full else _int(msg.get("batchSize"), "batchSize", 1)
    if B > N:
        raise RequestError(f"batchSize = {B}; expected 1 <= B <= N = {N}")
    if mode == "aligned" and B < N:
        for i, (r, job) in enumerate(zip(runs_msg, runs)):
            b = _load(base, r.get("batches"), f"runs[{i}].batches", (steps, B), "i")
            if b.size and (b.min() < 0 or b.max() >= N):
                raise RequestError(f"runs[{i}].batches has indices outside [0, {N})")
            job.batches = b
    return TrainJob(plan=plan, mode=mode, runs=runs, batch_size=B, full_batch=full, steps=steps,
                    record_at=record, schedule=schedule, divergence_factor=factor)


def write_result(request_id: str, base: str, mode: str, results: List[RunResult], seconds: float) -> Dict[str, Any]:
    """Writes out/run{s}_layer{k}.npy (float32 [K, rows, cols]) and returns the `result` message."""
    out = os.path.join(base, "out")
    os.makedirs(out, exist_ok=True)
    runs = []
    for s, r in enumerate(results):
        names = []
        for k, w in enumerate(r.weights):
            rel = f"out/run{s}_layer{k}.npy"
            np.save(os.path.join(base, rel), np.ascontiguousarray(w, dtype=np.float32))
            names.append(rel)
        entry: Dict[str, Any] = {
            "status": r.status,
            "steps": list(r.steps),
            "losses": [v if math.isfinite(v) else None for v in r.losses],
            "weights": names,
        }
        if r.reason is not None:
            entry["reason"] = r.reason
        runs.append(entry)
    return {"type": "result", "id": request_id, "mode": mode, "runs": runs, "timing": {"trainSeconds": round(seconds, 6)}}
