/**
 * Bad input is rejected, naming it (issue #8, item 4): every public function of src/data,
 * src/nets, src/linalg, src/metrics, src/stats, src/bounds, src/random, the environment variables
 * of src/profile.ts, the training-request check every trainer runs, and the CLI's claims, commands
 * and options reject invalid configurations — sizes ≤ 0 or not integers, λ < 0, B > N, non-finite
 * data, mismatched shapes, unknown names — with an Error whose message names the function (or
 * field, or option), the argument, the value received and what was expected. fast-check generates
 * the invalid values (seed fixed by tests/setup/seeds.ts); `tests/helpers/badInput.ts` holds the
 * shared check and arbitraries.
 *
 * One test file, one module per area (`badInput.<area>.ts`, each a set of `describe` blocks): the
 * per-file cost of a vitest worker (setup, module graph) dominates these cheap properties —
 * measured on the 2-core machine under load, ≈ 6 s for this file against ≈ 35 s for the same tests
 * as ten files.
 */
import "./badInput.data.ts";
import "./badInput.nets.ts";
import "./badInput.linalg.ts";
import "./badInput.metrics.ts";
import "./badInput.stats.ts";
import "./badInput.bounds.ts";
import "./badInput.random.ts";
import "./badInput.profile.ts";
import "./badInput.train.ts";
import "./badInput.cli.ts";
