#!/usr/bin/python3
# bench-beats.py: Vitrine's beat tracker against aubio on the generated corpus that
# bench-beats (C) writes, both scored with mir_eval at ±70 ms after its 5 s trim, with
# the CPU time of each per minute of audio and the octave errors.
#   bench-beats.py BENCH-BEATS VITRINE-WORKER
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import wave

import mir_eval
import numpy as np


def child_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(argv):
    before = child_cpu()
    out = subprocess.run(argv, check=True, capture_output=True, text=True).stdout
    return out, child_cpu() - before


def octave_error(reference, estimated):
    """The estimate's median period is near 2, 1/2, 3/2 or 2/3 of the reference's."""
    if len(estimated) < 4:
        return False
    ratio = np.median(np.diff(estimated)) / np.median(np.diff(reference))
    return any(abs(ratio / r - 1) < 0.06 for r in (2.0, 0.5, 1.5, 2.0 / 3.0))


def main():
    generator, worker = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory(prefix="vitrine-bench-beats-") as corpus:
        subprocess.run([generator, corpus], check=True)
        names = sorted(f[:-4] for f in os.listdir(corpus) if f.endswith(".wav"))
        rows, minutes = [], 0.0
        cpu = {"vitrine": 0.0, "aubio": 0.0}
        for name in names:
            wav = os.path.join(corpus, name + ".wav")
            with wave.open(wav) as w:
                minutes += w.getnframes() / w.getframerate() / 60
            reference = mir_eval.beat.trim_beats(np.loadtxt(os.path.join(corpus, name + ".beats")))
            out, t = run([worker, "--role=audio", "--beats", wav])
            cpu["vitrine"] += t
            ours = mir_eval.beat.trim_beats(np.array(json.loads(out)["beats"], dtype=float))
            out, t = run(["aubiotrack", "-i", wav])
            cpu["aubio"] += t
            theirs = mir_eval.beat.trim_beats(np.array([float(x) for x in out.split()], dtype=float))
            rows.append((name,
                         mir_eval.beat.f_measure(reference, ours), octave_error(reference, ours),
                         mir_eval.beat.f_measure(reference, theirs), octave_error(reference, theirs)))

    print(f"{'case':<22} {'F vitrine':>10} {'F aubio':>8}  octave errors")
    for name, f_ours, oct_ours, f_theirs, oct_theirs in rows:
        errors = ", ".join(n for n, e in (("vitrine", oct_ours), ("aubio", oct_theirs)) if e) or "-"
        print(f"{name:<22} {f_ours:>10.3f} {f_theirs:>8.3f}  {errors}")
    mean_ours = statistics.mean(r[1] for r in rows)
    mean_theirs = statistics.mean(r[3] for r in rows)
    print(f"{'mean':<22} {mean_ours:>10.3f} {mean_theirs:>8.3f}  "
          f"vitrine {sum(r[2] for r in rows)}, aubio {sum(r[4] for r in rows)}")
    print(f"CPU per minute of audio (whole process, {minutes:.1f} min): vitrine {cpu['vitrine'] / minutes:.3f} s, "
          f"aubio {cpu['aubio'] / minutes:.3f} s, ratio {cpu['vitrine'] / max(cpu['aubio'], 1e-9):.2f}x")
    extra_octave = sum(1 for r in rows if r[2] and not r[4])
    print(f"goal: F ≥ aubio + 0.1: {'yes' if mean_ours >= mean_theirs + 0.1 else 'no'}; "
          f"no octave errors where aubio has none: {'yes' if extra_octave == 0 else 'no'}; "
          f"CPU ≤ aubio: {'yes' if cpu['vitrine'] <= cpu['aubio'] else 'no'}")


if __name__ == "__main__":
    main()
