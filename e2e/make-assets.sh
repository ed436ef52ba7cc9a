#!/usr/bin/env bash
# Makes the small audio files the end-to-end tests import, with sox, espeak-ng and ffmpeg. Idempotent.
set -euo pipefail
out="${1:-e2e/.assets}"
mkdir -p "$out"
cd "$out"
[ -f .done-23 ] && exit 0
# A 2 s, 44.1 kHz stereo tone pair: 440 Hz left, 660 Hz right, at -6 dBFS.
sox -D -n -r 44100 -c 2 -b 16 tone-stereo-44k.wav synth 2 sine 440 sine 660 gain -6
# Speech, mono 22.05 kHz (espeak-ng), then the same at other depths and rates.
espeak-ng -v en-us -s 160 -w speech-22k.wav "Omni Studio edits sound in the browser, even offline."
sox -D speech-22k.wav -b 8 speech-8bit-8k.wav rate 8000
sox -D speech-22k.wav -b 24 speech-24bit-96k.wav rate 96000
sox -D speech-22k.wav -e floating-point -b 32 speech-float-48k.wav rate 48000
sox -D speech-22k.wav -e signed-integer -b 32 speech-int32-16k.wav rate 16000
# Six channels (5.1), 1 s.
sox -D -n -r 48000 -c 6 -b 16 six-channel.wav synth 1 sine 200 sine 300 sine 400 sine 500 sine 600 sine 700 gain -12
# Compressed formats Chromium decodes.
ffmpeg -loglevel error -y -i tone-stereo-44k.wav -c:a libmp3lame -b:a 128k tone.mp3
ffmpeg -loglevel error -y -i tone-stereo-44k.wav -c:a libopus -b:a 96k tone.ogg
ffmpeg -loglevel error -y -i tone-stereo-44k.wav -c:a flac tone.flac
ffmpeg -loglevel error -y -i tone-stereo-44k.wav -c:a aac -b:a 128k tone.m4a
# Bad input: empty, not audio, truncated WAV, a corrupt header.
: > empty.wav
echo "This is a text file, not audio." > not-audio.mp3
head -c 30 tone-stereo-44k.wav > truncated-header.wav
head -c 100000 tone-stereo-44k.wav > truncated-data.wav
printf 'RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x02\x00\x01\x00' > corrupt.wav
# Silence, 2 s stereo: analysis has nothing to hear.
sox -D -n -r 44100 -c 2 -b 16 silence.wav trim 0 2
# A real recording as users have them (44.1 kHz stereo, about -20 dBFS): a Wesnoth birdsong bed with a Hedgewars
# explosion at 3 s (the packages of the real validation set, never trained on).
ffmpeg -loglevel error -y -stream_loop -1 -i /usr/share/games/wesnoth/1.16/data/core/sounds/ambient/birds1.ogg -t 8 -ar 44100 -ac 2 bed.wav
ffmpeg -loglevel error -y -i /usr/share/games/hedgewars/Data/Sounds/explosion.ogg -ar 44100 -ac 2 event.wav
sox -D -m bed.wav "|sox -D event.wav -p pad 3" -b 16 real-scene.wav trim 0 8 norm -4
# The same explosion as a sound effect is imported: alone, with 3 s of digital silence either side.
sox -D -n -r 44100 -c 2 -b 16 gap.wav trim 0 3
sox -D gap.wav event.wav gap.wav -b 16 lone-effect.wav norm -4
rm bed.wav event.wav gap.wav
# Videos: 4 s of a moving test picture at 25 fps with a 440 Hz tone (H.264 + AAC in MP4; VP9 + Opus in WebM), one
# without sound, and one in HEVC (which this Chromium cannot decode: the studio must say so).
pic=(-f lavfi -i testsrc2=size=320x180:rate=25:duration=4)
ffmpeg -loglevel error -y "${pic[@]}" -f lavfi -i sine=frequency=440:duration=4:sample_rate=48000 -c:v libx264 -pix_fmt yuv420p -c:a aac -ac 2 -shortest video-h264.mp4
ffmpeg -loglevel error -y "${pic[@]}" -f lavfi -i sine=frequency=440:duration=4:sample_rate=48000 -c:v libvpx-vp9 -b:v 300k -c:a libopus -ac 2 -shortest video-vp9.webm
ffmpeg -loglevel error -y "${pic[@]}" -c:v libx264 -pix_fmt yuv420p video-silent.mp4
ffmpeg -loglevel error -y "${pic[@]}" -c:v libx265 -pix_fmt yuv420p -tag:v hvc1 video-hevc.mp4 2>/dev/null || true
# Sound alone in a WebM (what the recorder makes, what a picker calls video/webm): imported as audio.
ffmpeg -loglevel error -y -i tone-stereo-44k.wav -c:a libopus -b:a 96k tone-audio-only.webm
# Hiss alone for 1 s, then hiss under a 1 kHz tone for 1 s (noise reduction: the first second is the profile).
sox -D -n -r 44100 -c 2 -b 16 hiss.wav synth 2 whitenoise gain -40
sox -D -n -r 44100 -c 2 -b 16 late-tone.wav synth 1 sine 1000 gain -20 pad 1 0
sox -D -m hiss.wav late-tone.wav -b 16 hiss-then-tone.wav
rm hiss.wav late-tone.wav
# A 1 kHz tone at -20 dBFS from 1 to 2 s over 3 s of hiss at -40 dBFS (attenuate: the tone marked, the hiss around it).
sox -D -n -r 44100 -c 2 -b 16 hiss.wav synth 3 whitenoise gain -40
sox -D -n -r 44100 -c 2 -b 16 mid-tone.wav synth 1 sine 1000 gain -20 pad 1 1
sox -D -m hiss.wav mid-tone.wav -b 16 tone-in-hiss.wav
rm hiss.wav mid-tone.wav
# The same hiss with two tones from 1 to 2 s, 1 kHz and 5 kHz (a box on the spectrogram around the high one alone).
sox -D -n -r 44100 -c 2 -b 16 hiss.wav synth 3 whitenoise gain -40
sox -D -n -r 44100 -c 2 -b 16 low-tone.wav synth 1 sine 1000 gain -20 pad 1 1
sox -D -n -r 44100 -c 2 -b 16 high-tone.wav synth 1 sine 5000 gain -20 pad 1 1
sox -D -m hiss.wav low-tone.wav high-tone.wav -b 16 two-tones-in-hiss.wav
rm hiss.wav low-tone.wav high-tone.wav
# 8 s of hiss with a falling whistle three times (1 s; 3.5 s, 6 dB quieter; 6 s, 3 dB louder) and a knock twice
# (2.2 and 5 s): Find similar marks the first whistle and must find the other two, and no knock.
sox -D -n -r 44100 -c 2 -b 16 hiss.wav synth 8 whitenoise gain -40
sox -D -n -r 44100 -c 2 whistle.wav synth 0.3 sine 2500-1000 fade q 0.005 0.3 0.25 gain -20
sox -D -n -r 44100 -c 2 knock.wav synth 0.15 brownnoise fade q 0.002 0.15 0.12 gain -10
sox -D whistle.wav w1.wav pad 1
sox -D whistle.wav w2.wav gain -6 pad 3.5
sox -D whistle.wav w3.wav gain 3 pad 6
sox -D knock.wav k1.wav pad 2.2
sox -D knock.wav k2.wav pad 5
sox -D -m hiss.wav w1.wav w2.wav w3.wav k1.wav k2.wav -b 16 whistles-in-hiss.wav
rm hiss.wav whistle.wav knock.wav w1.wav w2.wav w3.wav k1.wav k2.wav
# Speech recorded too hot (De-clip): 44.1 kHz stereo at -3 dBFS in float (the truth), and the same driven 8 dB past
# full scale and cut there, as 16-bit.
sox -D speech-22k.wav -r 44100 -c 2 -e floating-point -b 32 speech-truth.wav rate 44100 norm -3
sox -D speech-truth.wav -b 16 speech-clipped.wav gain 8 2>/dev/null
# Speech with mains hum (De-hum): the take at a normal level (peaks -20 dBFS, float: the truth), and the same with a
# 60 Hz buzz (sox's square wave, odd harmonics, cut above 4 kHz) 45 dB under full scale mixed in, as 24-bit.
sox -D speech-truth.wav speech-quiet.wav gain -17
sox -D -n -r 44100 -c 2 -e floating-point -b 32 buzz.wav synth "$(soxi -D speech-quiet.wav)" square 60 gain -45 lowpass 4000
sox -D -m -v 1 speech-quiet.wav -v 1 buzz.wav -b 24 speech-hum.wav
rm buzz.wav
# Speech with clicks (De-click): the quiet take with a 0.2 ms pulse at 0.3 of full scale every 0.3 s (ffmpeg's
# aevalsrc, both channels), as 24-bit.
ffmpeg -loglevel error -y -f lavfi \
  -i "aevalsrc=exprs=0.3*lt(mod(t+0.17\,0.3)\,0.0002):s=44100:d=$(soxi -D speech-quiet.wav):c=stereo" \
  -c:a pcm_f32le clicks.wav
sox -D -m -v 1 speech-quiet.wav -v 1 clicks.wav -b 24 speech-clicks.wav
rm clicks.wav
# Speech with a long pause (Truncate silence): the quiet take twice, 2 s apart, over room tone at -60 dBFS, as 16-bit.
sox -D speech-quiet.wav take.wav pad 0 2
sox -D take.wav speech-quiet.wav spoken.wav
sox -D -n -r 44100 -c 2 -e floating-point -b 32 room.wav synth "$(soxi -D spoken.wav)" brownnoise gain -60
sox -D -m -v 1 spoken.wav -v 1 room.wav -b 16 speech-pauses.wav
rm take.wav spoken.wav room.wav
# A steady bed to duck under that voice (Auto duck): two tones at -20 dBFS, as long as speech-pauses.wav.
sox -D -n -r 44100 -c 2 -b 16 chord.wav synth "$(soxi -D speech-pauses.wav)" sine 220 sine 330 gain -20
# A tone at a quarter of the rate whose samples fall between its crests (true-peak limiting): samples at -3.9 dBFS,
# the waveform between them at -0.9 dBTP.
sox -D -n -r 44100 -c 2 -b 24 quarter-rate.wav synth 2 sine 11025 0 12.5 gain -1
# A wide stereo bed (Vocal reduction and isolation): two Wesnoth bird recordings, one on each side (each file alone is
# nearly mono), as long as the quiet speech, peaks -26 dBFS (float: the truth); the speech in the centre over it, 24-bit.
ambient=/usr/share/games/wesnoth/1.16/data/core/sounds/ambient
ffmpeg -loglevel error -y -i "$ambient/birds2.ogg" -i "$ambient/birds3.ogg" \
  -filter_complex "[0:a]pan=mono|c0=c0[l];[1:a]pan=mono|c0=c0[r];[l][r]join=inputs=2:channel_layout=stereo" \
  -ar 44100 -c:a pcm_f32le wide-raw.wav
sox -D wide-raw.wav wide-bed.wav trim 0 "$(soxi -s speech-quiet.wav)s" norm -26
sox -D -m -v 1 speech-quiet.wav -v 1 wide-bed.wav -b 24 voice-over-wide.wav
rm wide-raw.wav
# Two colours of noise (Match EQ): 2 s of white, then 2 s of pink, 44.1 kHz stereo, 16-bit.
sox -D -R -n -r 44100 -c 2 -b 16 white.wav synth 2 whitenoise gain -20
sox -D -R -n -r 44100 -c 2 -b 16 pink.wav synth 2 pinknoise gain -14
sox -D white.wav pink.wav white-then-pink.wav
rm white.wav pink.wav
# The fake microphone's input (playwright.config.ts): a 440 Hz tone at -12 dBFS, 48 kHz mono 16-bit; recorded
# losslessly it comes back a clean sine. 20 s, longer than any take in the tests: Chromium's fake device drops
# samples where it loops the file.
sox -D -n -r 48000 -c 1 -b 16 mic-tone.wav synth 20 sine 440 gain -12
# Correct pitch: an A sung 40 cents flat (430 Hz, 3 s, 44.1 kHz stereo, -20 dBFS), and real voices (Hedgewars' team
# voices, four speakers, 44.1 kHz stereo at about -20 dBFS).
sox -D -n -r 44100 -c 2 -b 16 flat-a.wav synth 3 sine 430 sine 430 gain -20
voices=/usr/share/games/hedgewars/Data/Sounds/voices
sox -D "$voices/Default/Hello.ogg" "$voices/British/Boring.ogg" "$voices/Classic/Brilliant.ogg" \
  "$voices/Pirate/Amazing.ogg" -r 44100 -c 2 -b 16 real-voices.wav norm -8
# The Pitch editor: C4, E4 sung 30 cents sharp, G4, 0.4 s each (44.1 kHz stereo, -20 dBFS).
for hz in 261.63 335.42 392.00; do sox -D -n -r 44100 -c 2 -b 16 "note-$hz.wav" synth 0.4 sine "$hz" sine "$hz" gain -20; done
sox -D note-261.63.wav note-335.42.wav note-392.00.wav melody-sharp.wav
rm note-*.wav
# De-breath: two phrases of a buzzy 200 Hz voice (-26 dBFS) with a breath between them (pink noise, 300-3000 Hz,
# 0.6-0.95 s), over a faint room, 44.1 kHz stereo.
sox -D -n -r 44100 -c 2 phrase.wav synth 0.5 sawtooth 200 gain -26
sox -D -n -r 44100 -c 2 breath.wav synth 0.35 pinknoise sinc 300-3000 gain -38
sox -D -n -r 44100 -c 2 gap.wav trim 0 0.1
sox -D phrase.wav gap.wav breath.wav gap.wav phrase.wav lines.wav
sox -D -n -r 44100 -c 2 room.wav synth 1.55 pinknoise gain -80
sox -D -m lines.wav room.wav -b 24 breath-voice.wav
rm phrase.wav breath.wav gap.wav lines.wav room.wav
touch .done-23
