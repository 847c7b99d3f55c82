export {
  checkSuccession,
  SUCCESSION_PROBLEMS,
  type SuccessionHead,
  type SuccessionProblem,
  type SuccessionProof,
  type SuccessionVerdict,
} from './checkpoint-succession.ts';
export { isDeviceValidDuringSecond, resolveKnownDevices, type KnownDevice, type ListedDevice } from './known-devices.ts';
export { COSIGNER_PROBLEMS, readCosignatureLine, type CosignatureReading, type CosignerProblem } from './cosigner-line.ts';
