"""A stand-in scene script for BlenderPoolTest: each spec names one behaviour of a job (for the warm loop, which
calls run(spec) as it does with hartomat_scene.py), so crashes, hangs and memory growth happen on cue."""
import json
import os
import sys
import time

import bpy

RESULT = "HARTOMAT_RESULT "
PROGRESS = "HARTOMAT_PROGRESS "


class StageError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


def run(spec):
    action = spec["action"]
    sys.stdout.write(PROGRESS + json.dumps({"percent": 50.0, "stage": "render"}) + "\n")
    sys.stdout.write("job says " + spec.get("say", "") + "\n")
    sys.stdout.flush()
    if action == "exit":
        os._exit(int(spec["code"]))
    if action == "sleep":
        time.sleep(float(spec["seconds"]))
    if action == "allocate":
        hog = b"x" * (int(spec["mb"]) * 1024 * 1024)
        time.sleep(float(spec.get("seconds", 60)))
        del hog
    if action == "raise":
        raise StageError("import_failed", "asked to fail")
    if action == "leave_traces":
        bpy.data.objects.new("left_behind", None)
        bpy.context.scene.render.resolution_x = 17
        bpy.app.handlers.render_post.append(lambda *_: None)
    sys.stdout.write(RESULT + json.dumps({
        "pid": os.getpid(),
        "objects": sorted(o.name for o in bpy.data.objects),
        "resolution_x": bpy.context.scene.render.resolution_x,
        "render_post_handlers": len(bpy.app.handlers.render_post),
        "cwd": os.getcwd(),
    }) + "\n")
    sys.stdout.flush()
