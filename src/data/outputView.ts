/** Output view: `binary` = one output with ±1 targets (2 classes); `one-hot` = C outputs. */
export type OutputView = "binary" | "one-hot";
