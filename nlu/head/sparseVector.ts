/** A sparse feature vector: `indices[k]` holds `values[k]`; indices are distinct. */
export interface SparseVector {
  indices: Uint32Array;
  values: Float64Array;
}
