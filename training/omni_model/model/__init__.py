"""The architecture at browser scale: encoders, the DiT, the VAE and vocoder, the separator, the detector, the sampler."""
