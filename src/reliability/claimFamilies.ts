/**
 * The claim families of a tree and their fingerprints: one family per claim spec file
 * (`claimSpecFiles`, i.e. `specs/*.spec.ts` but the regression baselines and the reliability
 * figures), in file order.
 */
import { familyFingerprint, type FamilyFingerprint, type FamilyFingerprintOptions } from "./familyFingerprint.ts";
import { claimSpecFiles } from "./runClaimSpecs.ts";

export function claimFamilies(root: string, options: FamilyFingerprintOptions = {}): FamilyFingerprint[] {
  return claimSpecFiles(root).map((file) => familyFingerprint(root, file, options));
}
