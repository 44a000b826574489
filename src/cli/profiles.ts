/**
 * A profile by name, for `--profile`. `src/profile.ts` is the one place that defines the profiles
 * and reads them from `THEOREM_SPEC_PROFILE`; this asks it for the named one without changing the
 * environment for good.
 */
import { activeProfile, type Profile, type ProfileName } from "../profile.ts";

/**
 * The profile `name` as `src/profile.ts` defines it.
 * @example profileByName("full").seedsPerConfig // 8
 */
export function profileByName(name: ProfileName): Profile {
  const saved = process.env.THEOREM_SPEC_PROFILE;
  process.env.THEOREM_SPEC_PROFILE = name;
  try {
    return activeProfile();
  } finally {
    if (saved === undefined) delete process.env.THEOREM_SPEC_PROFILE;
    else process.env.THEOREM_SPEC_PROFILE = saved;
  }
}
