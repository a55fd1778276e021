"""HartOMat render worker: a long-lived Blender that renders job specs one after another.

Run as: blender -b --factory-startup --python-exit-code 3 -P hartomat_warm.py -- <scene script>

Line protocol (one JSON object per line, after a fixed prefix):
  stdin   {"spec": "/path/spec.json", "cwd": dir}  one job (cwd optional); end of input ends the process
  stdout  HARTOMAT_READY {"pid": n, "jobs": k}       idle, in the factory start-up state, ready for a job
          ... the job's own lines (HARTOMAT_PROGRESS / HARTOMAT_ERROR / HARTOMAT_RESULT and Blender's log) ...
          HARTOMAT_DONE  {"exit": 0 | 3}             the job ended; 3 = the scene script raised (as a fresh
                                                     Blender run with --python-exit-code 3 would exit)

The scene script is loaded afresh for every job (its module state never carries over) and its run(spec) is
called exactly as its main() would. Between jobs the whole Blender state is reset to the factory start-up file,
the state a fresh `blender -b --factory-startup` begins with, so a job renders the same pixels here as in a
fresh process. The reset replaces all data blocks (meshes, images, materials, worlds, scenes: no orphans stay)
and drops non-persistent app handlers; it knows nothing about what the scene script builds.
"""
import ctypes
import json
import os
import runpy
import sys
import traceback

import bpy

READY = "HARTOMAT_READY "
DONE = "HARTOMAT_DONE "
ERROR = "HARTOMAT_ERROR "

_libc = ctypes.CDLL(None)


def emit(prefix, payload):
    flush()
    sys.stdout.write(prefix + json.dumps(payload, separators=(",", ":")) + "\n")
    flush()


def flush():
    # Blender's own C output (render progress) is block-buffered on a pipe: flush it so that a job's lines
    # arrive before its DONE marker and are filed with that job, not the next one
    sys.stdout.flush()
    _libc.fflush(None)


def run_job(scene_script, spec_path):
    try:
        with open(spec_path, "r") as handle:
            spec = json.load(handle)
        scene = runpy.run_path(scene_script, run_name="hartomat_warm_job")
    except Exception as exc:
        emit(ERROR, {"code": "render_failed", "message": "job spec or scene script unreadable: %s" % exc})
        traceback.print_exc(file=sys.stdout)
        return 3
    try:
        scene["run"](spec)
        return 0
    except scene["StageError"] as exc:
        emit(ERROR, {"code": exc.code, "message": str(exc)})
        traceback.print_exc(file=sys.stdout)
        return 3
    except Exception:
        traceback.print_exc(file=sys.stdout)
        return 3


def reset():
    bpy.ops.wm.read_factory_settings(use_empty=False)


def main():
    argv = sys.argv[sys.argv.index("--") + 1:] if "--" in sys.argv else []
    if len(argv) != 1:
        emit(ERROR, {"code": "invalid_job", "message": "usage: -- <scene script>"})
        raise SystemExit(2)
    scene_script = argv[0]
    home = os.getcwd()
    jobs = 0
    emit(READY, {"pid": os.getpid(), "jobs": jobs})
    while True:
        line = sys.stdin.readline()
        if not line:
            return
        if not line.strip():
            continue
        request = json.loads(line)
        if request.get("cwd"):
            os.chdir(request["cwd"])  # as a fresh process would run in the attempt's scratch directory
        code = run_job(scene_script, request["spec"])
        os.chdir(home)
        jobs += 1
        emit(DONE, {"exit": code})
        reset()
        emit(READY, {"pid": os.getpid(), "jobs": jobs})


main()
