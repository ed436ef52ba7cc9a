"""Audio-Omni's architecture at browser scale: condition encoders, a rectified-flow DiT, a mel VAE and a vocoder."""
