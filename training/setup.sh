#!/usr/bin/env bash
# Installs the model-building toolchain on a fresh Debian machine: the Debian packages that carry the free sound
# sources (and the tools that render them), then a virtual environment at <repo>/.venv with training/ installed.
#   bash training/setup.sh          everything the default data set needs
#   bash training/setup.sh --test   only what the test slice needs (CI)
set -euo pipefail
cd "$(dirname "$0")/.."

# wesnoth-1.16-data and hedgewars-data hold the real-recording validation set (never a training source).
TEST_PACKAGES=(python3-venv ffmpeg espeak-ng flite fluidsynth timgm6mb-soundfont openttd-opensfx minetest-data wesnoth-1.16-data hedgewars-data)
# ffmpeg decodes what libsndfile cannot (Teeworlds' WavPack). The separator's and the detector's extra sources
# (configs/data-separator.json, data-detector.json) are game and desktop sound packages.
FULL_PACKAGES=("${TEST_PACKAGES[@]}" sonic-pi-samples fluid-soundfont-gm musescore-general-soundfont-small hydrogen-drumkits 0ad-data
  teeworlds-data lmms-common oxygen-sounds tuxpaint-data scorched3d-data widelands-data warzone2100-data redeclipse-data
  supertuxkart-data openclonk-data megaglest-data)
packages=("${FULL_PACKAGES[@]}")
[ "${1:-}" = "--test" ] && packages=("${TEST_PACKAGES[@]}")

bash scripts/apt-install.sh "${packages[@]}"

[ -x .venv/bin/python ] || python3 -m venv .venv
# torch==2.13.0 is the CPU build this machine keeps on disk (see the model extra); nothing else pulls a newer one.
.venv/bin/pip install -q --disable-pip-version-check -e "training[test,model]"
