#!/usr/bin/env python3
"""theorem-spec trainer protocol v1 (docs/trainer-protocol.md), served by PyTorch.

    /usr/bin/python3 adapters/pytorch/trainer.py [--threads N] [--wn projected|reparametrised] [--wn-init unit|weights]
        [--batches epochs|with-replacement] [--run-order together|reversed|one-by-one|one-by-one-reversed]

The --wn, --batches and --run-order flags select benign variants (theorem_spec_torch/train.py,
`Variant`): correct implementations that differ from the reference; the defaults are the reference.
--wn-init weights (V0 = W0) is outside the conventions (||V0|| != 1): the claims' N1 must reject it.

Reads JSON lines on stdin (`train`, `shutdown`), answers JSON lines on stdout (`hello`,
`progress`, `result`, `error`). stdout carries protocol lines only: everything else — logs,
warnings, stray prints of a library — goes to stderr (fd 1 itself is pointed at stderr, the
protocol writes to a private duplicate of the original stdout).
"""
import argparse
import json
import os
import sys
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def log(*parts) -> None:
    print("[pytorch-trainer]", *parts, file=sys.stderr, flush=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=1, help="torch.set_num_threads (default 1)")
    parser.add_argument("--wn", choices=("projected", "reparametrised"), default="projected",
                        help="weight normalisation: V renormalised after every step (projected, default) or "
                             "the reparametrised form W = g V/||V|| with V not renormalised")
    parser.add_argument("--wn-init", choices=("unit", "weights"), default="unit",
                        help="with --wn reparametrised: V0 = W0/||W0|| (unit, default) or V0 = W0 (torch.nn.utils.weight_norm's)")
    parser.add_argument("--batches", choices=("epochs", "with-replacement"), default="epochs",
                        help="free-mode minibatches: epochs of permutations (default) or B indices drawn "
                             "with replacement at every step")
    parser.add_argument("--run-order", choices=("together", "reversed", "one-by-one", "one-by-one-reversed"),
                        default="together", help="how the runs of a request are trained (results always in request order)")
    args = parser.parse_args(argv)

    # Protocol output: a duplicate of fd 1; then fd 1 and sys.stdout go to stderr.
    proto = os.fdopen(os.dup(1), "w", encoding="utf-8", newline="\n")
    os.dup2(2, 1)
    sys.stdout = sys.stderr

    def send(message) -> None:
        proto.write(encode(message))
        proto.flush()

    threads = max(1, args.threads)
    # BLAS (OpenBLAS in Debian's build) and OpenMP thread pools sized before torch loads them.
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(threads)

    import torch  # after the redirection: nothing torch prints can reach the protocol stream
    from theorem_spec_torch.protocol import RequestError, encode, error, hello, parse_train, progress, write_result
    from theorem_spec_torch.nets import ArchitectureError
    from theorem_spec_torch.train import Variant, train

    try:
        variant = Variant(wn=args.wn, batches=args.batches, run_order=args.run_order, wn_init=args.wn_init)
    except ValueError as e:
        parser.error(str(e))

    torch.set_num_threads(threads)
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:
        pass
    name = f"pytorch {torch.__version__} (cpu, {threads} thread{'s' if threads != 1 else ''})"
    if variant.describe():
        name += f" [{variant.describe()}]"
    try:
        send(hello(name))
        log(f"{name} ready")
        while True:
            line = sys.stdin.readline()
            if not line:  # end of stdin: the suite is gone or done
                log("stdin closed; exiting")
                return 0
            if not line.strip():
                continue
            request_id = None
            try:
                msg = json.loads(line)
                if not isinstance(msg, dict):
                    raise RequestError(f"expected a JSON object, got {type(msg).__name__}")
                request_id = msg.get("id") if isinstance(msg.get("id"), str) else None
                kind = msg.get("type")
                if kind == "shutdown":
                    log("shutdown")
                    return 0
                if kind != "train":
                    raise RequestError(f"unknown message type {kind!r}; expected train or shutdown")
                job = parse_train(msg)
                log(f"{request_id}: {len(job.runs)} run(s), {job.steps} steps, B = {job.batch_size}, mode {job.mode}")
                start = time.perf_counter()
                results = train(job, lambda done, total: send(progress(request_id, done, total)), variant)
                seconds = time.perf_counter() - start
                send(write_result(request_id, msg["dir"], job.mode, results, seconds))
                log(f"{request_id}: done in {seconds:.2f} s")
            except (RequestError, ArchitectureError, json.JSONDecodeError) as e:
                log(f"{request_id}: refused: {e}")
                send(error(request_id, str(e)))
            except (BrokenPipeError, KeyboardInterrupt):
                raise
            except Exception as e:  # a bug or an unexpected input: report it, stay up
                traceback.print_exc(file=sys.stderr)
                send(error(request_id, f"{type(e).__name__}: {e}"))
    except (BrokenPipeError, KeyboardInterrupt):
        return 0


if __name__ == "__main__":
    sys.exit(main())
