"""Minibatch SGD on the square loss with weight decay and optional weight normalisation, all runs
of a request at once on a leading run axis (CLAIMS.md, "Conventions"; docs/trainer-protocol.md).

Step t of run s, with step size lr = fl32(η_s · m(t)) and decay factor 2λ_s, on the minibatch S̃
(loss L_S̃ = (1/B) Σ_{n∈S̃} ‖f_W(x_n) − y_n‖², sum over outputs; gradients by torch autograd):

- plain:             W ← W − lr (∇_W L_S̃ + 2λ W)
- weight-normalised: W_k = g_k V_k/‖V_k‖_F (one scalar g_k per layer), decay on g only:
                     g ← g − lr (∂L_S̃/∂g + 2λ g),   V ← V − lr ∇_V L_S̃,   V ← V/‖V‖_F
                     (the projected form: ‖V‖_F = 1 after every step; g⁰ = ‖W⁰‖_F).

Benign variants (`Variant`, trainer.py's flags; the defaults are the above, bit for bit). Each is a
correct implementation that differs from the reference; the claims must pass with every one
(docs/reliability.md, "Benign variants"):

- `wn="reparametrised"`: the standard reparametrised weight normalisation, as
  torch.nn.utils.parametrizations.weight_norm / torch._weight_norm computes it: W = g V/‖V‖_F with
  the gradient through V/‖V‖_F, g ← g − lr (∂L/∂g + 2λ g), V ← V − lr ∇_V L and V is **not**
  renormalised (V⁰ = W⁰/‖W⁰‖_F, so step 0 is the reference's; `wn_init="weights"`: V⁰ = W⁰, the
  initialisation of torch.nn.utils.weight_norm, ‖V⁰‖_F = g⁰ — not benign but outside the
  conventions, which the paper's flow reads with ‖V‖ = 1: N1 must reject it,
  src/reliability/outOfConventionVariants.ts). ∇_V L = (g/‖V‖)(I − V̂V̂ᵀ)∇_W L is
  orthogonal to V, so ‖V‖ grows, ‖V_{t+1}‖² = ‖V_t‖² + lr²‖∇_V L‖², and the direction V̂ moves by
  ≈ lr g/‖V‖² (I − V̂V̂ᵀ)∇_W L: the projected step divided by ‖V‖².
- `batches="with-replacement"`: free mode draws each step's B indices uniformly with replacement
  (torch.randint from the run's batch stream) instead of epochs of permutations.
- `run_order`: "together" (the reference: all runs stacked in request order), "reversed" (stacked in
  reverse order), "one-by-one" (each run trained alone, in request order), "one-by-one-reversed";
  results always in request order.

The runs' losses are summed before autograd: runs never interact, so the gradient of the sum with
respect to run s's parameters is the gradient of run s's own loss.

A snapshot at step t in recordAt is taken before step t (at T after the last step): the effective
weights W_k and the full-training-set square loss without the penalty.
"""
import math
import time
from dataclasses import dataclass, replace
from typing import Callable, List, Optional, Sequence

import numpy as np
import torch

from .nets import NetworkPlan, forward

DEFAULT_DIVERGENCE_FACTOR = 1e3
# Steps of minibatch indices materialised at a time (per run: CHUNK × B int64).
CHUNK = 512


@dataclass
class RunJob:
    seed: int
    weight_decay: float  # λ (the loss adds λ Σ_k ‖W_k‖_F²)
    learning_rate: float  # η
    inputs: np.ndarray  # float32 [N, d]
    targets: np.ndarray  # float32 [N, C]
    initial_weights: Optional[List[np.ndarray]] = None  # float32 [rows_k, cols_k] (aligned mode)
    batches: Optional[np.ndarray] = None  # int [T, B] (aligned mode, not full batch)


@dataclass
class TrainJob:
    plan: NetworkPlan
    mode: str  # "free" or "aligned"
    runs: List[RunJob]
    batch_size: int
    full_batch: bool
    steps: int
    record_at: List[int]
    schedule: np.ndarray  # float64 [T]
    divergence_factor: float = DEFAULT_DIVERGENCE_FACTOR


@dataclass
class RunResult:
    status: str  # "ok" or "diverged"
    steps: List[int]
    losses: List[float]
    weights: List[np.ndarray]  # per layer float32 [K, rows, cols], K = len(steps)
    reason: Optional[str] = None


# --- free-mode initialisation and batch order ---------------------------------------------------

def _generator(seed: int, stream: int) -> torch.Generator:
    """A CPU generator for one stream (0: init, 1: batches) of a run's seed."""
    g = torch.Generator()
    # Distinct streams from one seed: mix the stream in (a 64-bit odd multiplier), then keep the
    # value in [0, 2^63) (manual_seed takes any non-negative 64-bit integer).
    g.manual_seed(((seed * 2 + stream) * 0x9E3779B97F4A7C15) % (1 << 63))
    return g


def he_normal(shapes: Sequence[Sequence[int]], seed: int) -> List[torch.Tensor]:
    """He normal W_k[i, j] ~ N(0, 2/cols_k), float32, from the run's seed (free mode)."""
    g = _generator(seed, 0)
    return [torch.randn(rows, cols, generator=g, dtype=torch.float32) * math.sqrt(2.0 / cols) for rows, cols in shapes]


class FreeBatches:
    """Epochs of torch.randperm(N) cut into ⌊N/B⌋ batches of B (the last N mod B dropped)."""

    def __init__(self, seed: int, count: int, batch_size: int):
        self.g = _generator(seed, 1)
        self.N, self.B = count, batch_size
        self.per_epoch = count // batch_size
        self.pending = torch.empty(0, batch_size, dtype=torch.long)

    def take(self, n: int) -> torch.Tensor:
        """The next n minibatches, [n, B] int64."""
        parts = [self.pending]
        have = self.pending.shape[0]
        while have < n:
            perm = torch.randperm(self.N, generator=self.g)[: self.per_epoch * self.B]
            parts.append(perm.view(self.per_epoch, self.B))
            have += self.per_epoch
        allb = torch.cat(parts)
        self.pending = allb[n:]
        return allb[:n]


class ReplacementBatches:
    """B indices drawn uniformly from 0..N−1 with replacement at every step (the variant
    `batches="with-replacement"`), from the run's batch stream."""

    def __init__(self, seed: int, count: int, batch_size: int):
        self.g = _generator(seed, 1)
        self.N, self.B = count, batch_size

    def take(self, n: int) -> torch.Tensor:
        """The next n minibatches, [n, B] int64."""
        return torch.randint(0, self.N, (n, self.B), generator=self.g, dtype=torch.long)


class GivenBatches:
    """The request's batches[t] (aligned mode)."""

    def __init__(self, table: np.ndarray):
        self.table = torch.from_numpy(np.ascontiguousarray(table, dtype=np.int64))
        self.pos = 0

    def take(self, n: int) -> torch.Tensor:
        out = self.table[self.pos:self.pos + n]
        self.pos += n
        return out


# --- benign variants -------------------------------------------------------------------------

WN_FORMS = ("projected", "reparametrised")
WN_INITS = ("unit", "weights")
BATCH_ORDERS = ("epochs", "with-replacement")
RUN_ORDERS = ("together", "reversed", "one-by-one", "one-by-one-reversed")


@dataclass(frozen=True)
class Variant:
    """How this trainer implements the conventions where several correct implementations exist
    (module docstring). The defaults are the reference adapter."""
    wn: str = "projected"
    batches: str = "epochs"
    run_order: str = "together"
    wn_init: str = "unit"  # V⁰ = W⁰/‖W⁰‖_F; "weights": V⁰ = W⁰ (torch's weight_norm; reparametrised only)

    def __post_init__(self):
        for name, allowed in (("wn", WN_FORMS), ("batches", BATCH_ORDERS), ("run_order", RUN_ORDERS), ("wn_init", WN_INITS)):
            if getattr(self, name) not in allowed:
                raise ValueError(f"{name} {getattr(self, name)!r} is not one of {', '.join(allowed)}")
        if self.wn_init != "unit" and self.wn != "reparametrised":
            raise ValueError(f"wn_init {self.wn_init!r} needs wn 'reparametrised' (the projected form starts and stays at ‖V‖_F = 1)")

    def describe(self) -> str:
        """The non-default choices, e.g. "wn reparametrised"; empty for the reference."""
        parts = []
        if self.wn != "projected":
            parts.append(f"wn {self.wn}" + ("" if self.wn_init == "unit" else f", V0 = W0"))
        if self.batches != "epochs":
            parts.append(f"batches {self.batches}")
        if self.run_order != "together":
            parts.append(f"run order {self.run_order}")
        return ", ".join(parts)


REFERENCE = Variant()


# --- the training loop --------------------------------------------------------------------------

def frobenius(m: torch.Tensor) -> torch.Tensor:
    """Per-run Frobenius norm of [S, rows, cols] as [S, 1, 1]."""
    return m.square().sum(dim=(1, 2), keepdim=True).sqrt()


def _weight_norm(v: torch.Tensor, g: torch.Tensor) -> torch.Tensor:
    """g V/‖V‖_F per run, for V [S, rows, cols] and g [S, 1, 1]: torch's own weight-norm primitive
    (the op behind torch.nn.utils.weight_norm; with dim = 0 the norm is over all axes but the run
    axis), a single op with a fused backward. Falls back to the explicit formula."""
    if _HAS_WEIGHT_NORM_OP:
        return torch._weight_norm(v, g, 0)
    return g * v / frobenius(v)


_HAS_WEIGHT_NORM_OP = hasattr(torch, "_weight_norm")


def effective_weights(mats: Sequence[torch.Tensor], scales: Optional[Sequence[torch.Tensor]]) -> List[torch.Tensor]:
    """W_k = g_k V_k/‖V_k‖_F under weight normalisation, else the matrices themselves."""
    if scales is None:
        return list(mats)
    return [_weight_norm(v, g) for v, g in zip(mats, scales)]


def per_run_loss(plan: NetworkPlan, weights: Sequence[torch.Tensor], x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """(1/M) Σ_n ‖f_W(x_n) − y_n‖² per run, [S], for x [S, M, d], y [S, M, C]."""
    out = forward(plan, weights, x)
    return (out - y).square().sum(dim=(1, 2)) / x.shape[1]


def train(job: TrainJob, progress: Optional[Callable[[int, int], None]] = None,
          variant: Variant = REFERENCE) -> List[RunResult]:
    """Trains every run of `job` (together, or in the order `variant.run_order` says); results in
    request order."""
    order = variant.run_order
    if order == "together":
        return _train_together(job, progress, variant)
    S = len(job.runs)
    indices = list(range(S))
    if order.endswith("reversed"):
        indices.reverse()
    if not order.startswith("one-by-one"):
        results = _train_together(replace(job, runs=[job.runs[i] for i in indices]), progress, variant)
        out: List[Optional[RunResult]] = [None] * S
        for i, r in zip(indices, results):
            out[i] = r
        return out  # type: ignore[return-value]
    out = [None] * S
    for n, i in enumerate(indices):
        # progress of the whole request: run n of S at step done of T → n·T + done of S·T
        report = None if progress is None else (lambda done, total, n=n: progress(n * total + done, S * total))
        out[i] = _train_together(replace(job, runs=[job.runs[i]]), report, variant)[0]
    return out  # type: ignore[return-value]


def _train_together(job: TrainJob, progress: Optional[Callable[[int, int], None]], variant: Variant) -> List[RunResult]:
    """Trains every run of `job` together; results in run order."""
    plan = job.plan
    shapes = plan.shapes
    S = len(job.runs)
    T = job.steps
    N = job.runs[0].inputs.shape[0]
    B = N if job.full_batch else job.batch_size
    normalized = plan.normalized
    renormalise = variant.wn == "projected"
    record = sorted(set(job.record_at) | {0, T})
    record_set = set(record)
    K = len(record)

    x_all = torch.from_numpy(np.stack([r.inputs for r in job.runs]).astype(np.float32, copy=False))
    y_all = torch.from_numpy(np.stack([r.targets for r in job.runs]).astype(np.float32, copy=False))
    eta32 = np.array([r.learning_rate for r in job.runs], dtype=np.float32)
    decay32 = np.array([2.0 * r.weight_decay for r in job.runs], dtype=np.float32)  # 2λ (CLAIMS convention)

    if job.mode == "aligned":
        initial = [[torch.from_numpy(np.ascontiguousarray(w, dtype=np.float32)) for w in r.initial_weights] for r in job.runs]
    else:
        initial = [he_normal(shapes, r.seed) for r in job.runs]
    # With B = N every step uses all samples in their natural order (like the reference trainer).
    if B == N:
        sources = None
    elif job.mode == "aligned":
        sources = [GivenBatches(r.batches) for r in job.runs]
    else:
        free = ReplacementBatches if variant.batches == "with-replacement" else FreeBatches
        sources = [free(r.seed, N, B) for r in job.runs]

    mats = [torch.stack([w[k] for w in initial]) for k in range(len(shapes))]
    scales: Optional[List[torch.Tensor]] = None
    if normalized:
        scales = [frobenius(m) for m in mats]
        if variant.wn_init == "unit":
            mats = [m / g for m, g in zip(mats, scales)]
        # wn_init "weights": V⁰ = W⁰ (torch.nn.utils.weight_norm's initialisation), ‖V⁰‖_F = g⁰

    # Per-run state on the host; `active` maps the rows of the tensors to run indices.
    active = list(range(S))
    status = ["ok"] * S
    reasons: List[Optional[str]] = [None] * S
    counts = [0] * S
    losses: List[List[float]] = [[] for _ in range(S)]
    stored = [[np.zeros((K, rows, cols), dtype=np.float32) for rows, cols in shapes] for _ in range(S)]
    initial_loss = [0.0] * S
    factor = job.divergence_factor

    decay_t = torch.from_numpy(decay32).view(S, 1, 1)
    rate_cache = {}
    chunk: Optional[torch.Tensor] = None  # [S_active, CHUNK, B] minibatch indices (per run, 0..N−1)
    offsets = (torch.arange(S) * N).view(S, 1)  # row of run r's sample 0 in the flattened data

    def parameters() -> List[torch.Tensor]:
        return list(mats) + (list(scales) if scales is not None else [])

    for p in parameters():
        p.requires_grad_(True)

    def rates(m: float) -> torch.Tensor:
        """lr = fl32(fl32(η_s)·fl32(m)) per active run, [S_active, 1, 1] (cached per m)."""
        if m not in rate_cache:
            if len(rate_cache) > 64:  # a warm-up changes m every step
                rate_cache.clear()
            lr = (eta32[active] * np.float32(m)).astype(np.float32)
            rate_cache[m] = torch.from_numpy(lr).view(len(active), 1, 1)
        return rate_cache[m]

    def snapshot(step: int) -> None:
        nonlocal active, mats, scales, x_all, y_all, decay_t, chunk, offsets
        with torch.no_grad():
            ws = effective_weights(mats, scales)
            loss = per_run_loss(plan, ws, x_all, y_all).numpy().astype(np.float64)
            host = [w.detach().numpy() for w in ws]
        keep = []
        for row, s in enumerate(active):
            value = float(loss[row])
            if step == 0:
                initial_loss[s] = value
            limit = factor * max(1.0, initial_loss[s]) if math.isfinite(initial_loss[s]) else math.inf
            finite_weights = all(np.isfinite(h[row]).all() for h in host)
            if not math.isfinite(value) or value > limit or not finite_weights:
                status[s] = "diverged"
                if not math.isfinite(value):
                    reasons[s] = f"loss is {value} at step {step}"
                elif not finite_weights:
                    reasons[s] = f"non-finite weights at step {step}"
                else:
                    reasons[s] = (f"loss {value:.4g} at step {step} exceeds {factor:g} x max(1, initial loss "
                                  f"{initial_loss[s]:.4g})")
                continue
            i = counts[s]
            for k in range(len(shapes)):
                stored[s][k][i] = host[k][row]
            losses[s].append(value)
            counts[s] = i + 1
            keep.append(row)
        if len(keep) < len(active):  # drop the diverged runs from the batch
            idx = torch.tensor(keep, dtype=torch.long)
            active = [active[r] for r in keep]
            with torch.no_grad():
                mats = [m.index_select(0, idx) for m in mats]
                scales = None if scales is None else [g.index_select(0, idx) for g in scales]
            for p in parameters():
                p.requires_grad_(True)
            x_all, y_all = x_all.index_select(0, idx), y_all.index_select(0, idx)
            decay_t = decay_t.index_select(0, idx)
            offsets = (torch.arange(len(active)) * N).view(-1, 1)
            if chunk is not None:
                chunk = chunk.index_select(0, idx)
            rate_cache.clear()

    last_progress = time.monotonic()
    for t in range(T):
        if t in record_set:
            snapshot(t)
            if not active:
                break
        if progress is not None:
            now = time.monotonic()
            if now - last_progress >= 1.0:
                progress(t, T)
                last_progress = now
        lr = rates(float(job.schedule[t]))
        if sources is None:
            xb, yb = x_all, y_all
        else:
            j = t % CHUNK
            if j == 0:
                n = min(CHUNK, T - t)
                chunk = torch.stack([sources[s].take(n) for s in range(S)])
                if len(active) < S:
                    chunk = chunk.index_select(0, torch.tensor(active, dtype=torch.long))
            rows = (chunk[:, j] + offsets).view(-1)  # [S_active·B] rows of the flattened data
            xb = x_all.view(-1, x_all.shape[2]).index_select(0, rows).view(len(active), B, -1)
            yb = y_all.view(-1, y_all.shape[2]).index_select(0, rows).view(len(active), B, -1)

        params = parameters()
        ws = effective_weights(mats, scales)
        out = forward(plan, ws, xb)
        loss = (out - yb).square().sum() / B  # Σ over runs of each run's minibatch loss
        grads = torch.autograd.grad(loss, params)
        with torch.no_grad():  # the updates, in place (the graph is gone)
            if scales is None:
                for w, gw in zip(mats, grads):
                    gw.addcmul_(decay_t, w)  # ∇L + 2λ W
                    w.addcmul_(lr, gw, value=-1)  # W − η (∇L + 2λ W)
            else:
                L = len(mats)
                for k in range(L):
                    v, g, gv, gg = mats[k], scales[k], grads[k], grads[L + k]
                    gg.addcmul_(decay_t, g)  # ∂L/∂g + 2λ g
                    g.addcmul_(lr, gg, value=-1)  # g − η (∂L/∂g + 2λ g)
                    v.addcmul_(lr, gv, value=-1)  # V − η ∇_V L
                    if renormalise:
                        v.div_(frobenius(v))  # back to ‖V‖_F = 1
    if active and T in record_set:
        snapshot(T)

    results = []
    for s in range(S):
        n = counts[s]
        results.append(RunResult(
            status=status[s],
            steps=record[:n],
            losses=losses[s],
            weights=[w[:n] for w in stored[s]],
            reason=reasons[s],
        ))
    return results
