/**
 * Every variant of the benign matrix, in the order of its rows: the benign variants
 * (benignVariants.ts), then those outside the conventions (outOfConventionVariants.ts).
 */
import { BENIGN_VARIANTS } from "./benignVariants.ts";
import { OUT_OF_CONVENTION_VARIANTS } from "./outOfConventionVariants.ts";
import type { RecordedVariant } from "./records.ts";
import type { TrainerVariant } from "./trainerVariant.ts";

export const MATRIX_VARIANTS: readonly TrainerVariant[] = [...BENIGN_VARIANTS, ...OUT_OF_CONVENTION_VARIANTS];

/** The variant with `id` among `variants`. @throws naming the known ids. */
export function matrixVariantById(id: string, variants: readonly TrainerVariant[] = MATRIX_VARIANTS): TrainerVariant {
  const v = variants.find((x) => x.id === id);
  if (v === undefined) throw new Error(`unknown variant ${JSON.stringify(id)} of the benign matrix; expected one of ${variants.map((x) => x.id).join(", ")}`);
  return v;
}

/** What the record keeps of a variant (the published list at the time of the run): all but the table name. */
export function recordedVariant(variant: TrainerVariant): RecordedVariant {
  const { name: _name, ...rest } = variant;
  return rest;
}
