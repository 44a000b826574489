#!/usr/bin/env python3
"""A tiny driver of the protocol, without the suite: writes a request directory with np.save,
starts trainer.py, sends one `train` line and prints what comes back (and the speed).

    /usr/bin/python3 adapters/pytorch/request_example.py [--runs 10] [--steps 2000] [--mode free]
        [--hidden 64,64] [--dim 20] [--classes 10] [--count 256] [--batch 32] [--wn]
        [--trainer "/usr/bin/python3 adapters/pytorch/trainer.py"]
"""
import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def write_request(base: str, *, runs: int, steps: int, mode: str, dim: int, hidden, classes: int, count: int,
                  batch: int, wn: bool, lam: float = 5e-3, eta: float = 0.05, record_every: int = 0, seed: int = 1):
    """Writes the arrays of a random MLP request into `base` and returns the `train` message."""
    rng = np.random.default_rng(seed)
    os.makedirs(os.path.join(base, "out"), exist_ok=True)
    sizes = [dim] + list(hidden) + [classes]
    layers = [{"rows": sizes[k + 1], "cols": sizes[k]} for k in range(len(sizes) - 1)]
    np.save(os.path.join(base, "schedule.npy"), np.ones(steps, dtype=np.float64))
    record = sorted({0, steps} | (set(range(0, steps, record_every)) if record_every else set()))
    run_msgs = []
    for s in range(runs):
        d = os.path.join(base, "runs", str(s))
        os.makedirs(d, exist_ok=True)
        labels = (np.arange(count) % classes).astype(np.int32)
        centers = rng.standard_normal((classes, dim)).astype(np.float32)
        x = (centers[labels] + 0.5 * rng.standard_normal((count, dim))).astype(np.float32)
        y = np.eye(classes, dtype=np.float32)[labels]
        np.save(os.path.join(d, "inputs.npy"), x)
        np.save(os.path.join(d, "labels.npy"), labels)
        np.save(os.path.join(d, "targets.npy"), y)
        init = []
        for k, l in enumerate(layers):
            w = (rng.standard_normal((l["rows"], l["cols"])) * np.sqrt(2 / l["cols"])).astype(np.float32)
            np.save(os.path.join(d, f"init_{k}.npy"), w)
            init.append(f"runs/{s}/init_{k}.npy")
        per_epoch = count // batch
        order = np.concatenate([rng.permutation(count)[: per_epoch * batch] for _ in range(-(-steps // per_epoch))])
        np.save(os.path.join(d, "batches.npy"), order[: steps * batch].reshape(steps, batch).astype(np.int32))
        run_msgs.append({"seed": seed * 100 + s, "weightDecay": lam, "learningRate": eta, "count": count, "dim": dim,
                         "classes": classes, "inputs": f"runs/{s}/inputs.npy", "labels": f"runs/{s}/labels.npy",
                         "targets": f"runs/{s}/targets.npy", "initialWeights": init, "batches": f"runs/{s}/batches.npy"})
    return {"type": "train", "protocol": 1, "id": "example", "dir": base, "mode": mode,
            "architecture": {"kind": "mlp", "inputDim": dim, "hidden": list(hidden), "outputDim": classes,
                             "normalization": "weight" if wn else "none"},
            "layers": layers, "batchSize": batch, "fullBatch": False, "steps": steps, "recordAt": record,
            "divergenceFactor": 1000, "schedule": "schedule.npy", "runs": run_msgs}


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=10)
    p.add_argument("--steps", type=int, default=2000)
    p.add_argument("--mode", default="free", choices=["free", "aligned"])
    p.add_argument("--dim", type=int, default=20)
    p.add_argument("--hidden", default="64,64")
    p.add_argument("--classes", type=int, default=10)
    p.add_argument("--count", type=int, default=256)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--wn", action="store_true", help="weight normalisation")
    p.add_argument("--trainer", default=f"{shlex.quote(sys.executable)} {shlex.quote(os.path.join(HERE, 'trainer.py'))}")
    a = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="theorem-spec-") as base:
        msg = write_request(base, runs=a.runs, steps=a.steps, mode=a.mode, dim=a.dim,
                            hidden=[int(h) for h in a.hidden.split(",") if h], classes=a.classes,
                            count=a.count, batch=a.batch, wn=a.wn)
        proc = subprocess.Popen(shlex.split(a.trainer), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        print("<", proc.stdout.readline().strip())
        start = time.perf_counter()
        proc.stdin.write(json.dumps(msg) + "\n")
        proc.stdin.flush()
        while True:
            line = proc.stdout.readline()
            if not line:
                print("trainer exited", file=sys.stderr)
                return 1
            reply = json.loads(line)
            if reply["type"] == "progress":
                print("<", line.strip())
                continue
            break
        wall = time.perf_counter() - start
        if reply["type"] != "result":
            print("<", line.strip())
            return 1
        for s, r in enumerate(reply["runs"]):
            shapes = [list(np.load(os.path.join(base, w)).shape) for w in r["weights"]]
            print(f"run {s}: {r['status']}, steps {r['steps']}, loss {r['losses'][0]:.4f} -> {r['losses'][-1]:.4f}, weights {shapes}")
        secs = reply["timing"]["trainSeconds"]
        print(f"trainSeconds {secs:.3f} (wall {wall:.3f}): {a.runs * a.steps / secs:,.0f} run-steps/s")
        proc.stdin.write('{"type":"shutdown"}\n')
        proc.stdin.flush()
        proc.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
