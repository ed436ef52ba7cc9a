"""From trained weights to a model pack: ONNX export with goldens and int8, the manifest, the card, parity fixtures."""
