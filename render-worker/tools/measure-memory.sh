#!/bin/bash
# Peak RSS of the worker's child processes per job type on the gmsh-doc sample (as1-tu-203), the commands the worker runs.
set -u
D=${1:-/tmp/hartomat-memory}; HERE=$(cd "$(dirname "$0")/.." && pwd); S=$HERE/src/main/resources/blender/hartomat_scene.py; mkdir -p "$D"
cd $D; rm -rf out; mkdir -p out
zcat /usr/share/doc/gmsh-doc/doc/gmsh/demos/api/as1-tu-203.stp.gz > model.step
t() { name=$1; shift; /usr/bin/time -f "$name maxrss_kb=%M wall_s=%e exit=%x" -a -o $D/results.txt nice -n 10 "$@" > $D/out/$name.log 2>&1; }
: > results.txt
t gmsh_clcurv51 gmsh model.step -2 -clcurv 51 -format msh41 -o model.msh
t gmsh_clcurv20 gmsh model.step -2 -clcurv 20 -format msh41 -o model20.msh
spec() { echo "$2" > $D/$1.json; }
spec mesh '{"model":{"msh":"'$D'/model.msh","labels":{},"scale":0.001},"shading":{"smooth_angle_deg":30},"outputs":{"glb":"'$D'/out/model.glb","stl_dir":"'$D'/out/stl"}}'
t blender_mesh_export blender -b --factory-startup --python-exit-code 3 -P $S -- $D/mesh.json
R='"template":{},"materials":[{"part_name":"nut","material":"Brass","definition":{"base_color":[0.8,0.6,0.2,1],"metallic":1,"roughness":0.3}}],"shading":{"smooth_angle_deg":30},"model":{"glb":"'$D'/out/model.glb"}'
r() { echo '{"engine":"CYCLES","width":'$1',"height":'$2',"samples":'$3',"seed":0,"transparent_background":false}'; }
spec still_1920 '{"render":'"$(r 1920 1080 8)"','"$R"',"outputs":{"still":"'$D'/out/still.png"}}'
t blender_still_1920x1080_s8 blender -b --factory-startup --python-exit-code 3 -P $S -- $D/still_1920.json
spec still_512 '{"render":'"$(r 512 512 16)"','"$R"',"outputs":{"still":"'$D'/out/still512.png"}}'
t blender_still_512_s16 blender -b --factory-startup --python-exit-code 3 -P $S -- $D/still_512.json
spec thumb '{"render":'"$(r 256 256 16)"','"$R"',"outputs":{"still":"'$D'/out/thumb.png"}}'
t blender_thumbnail_256 blender -b --factory-startup --python-exit-code 3 -P $S -- $D/thumb.json
spec angles '{"render":'"$(r 1920 1080 8)"','"$R"',"outputs":{"angles":[{"angle":"front","path":"'$D'/out/a_front.png"},{"angle":"left","path":"'$D'/out/a_left.png"},{"angle":"back","path":"'$D'/out/a_back.png"},{"angle":"right","path":"'$D'/out/a_right.png"}]}}'
t blender_multi_angle_4x1920x1080 blender -b --factory-startup --python-exit-code 3 -P $S -- $D/angles.json
spec blend '{"render":'"$(r 1920 1080 64)"','"$R"',"outputs":{"blend":{"path":"'$D'/out/x.blend","compress":true,"pack_textures":false}}}'
t blender_export_blend blender -b --factory-startup --python-exit-code 3 -P $S -- $D/blend.json
spec exports '{"render":'"$(r 1920 1080 8)"','"$R"',"outputs":{"still":"'$D'/out/e.png","blend":{"path":"'$D'/out/e.blend","compress":true,"pack_textures":false},"glb":"'$D'/out/e.glb"}}'
t blender_still_with_exports_1920x1080 blender -b --factory-startup --python-exit-code 3 -P $S -- $D/exports.json
spec turn '{"render":'"$(r 1280 720 4)"','"$R"',"outputs":{"turntable":{"frame_count":12,"fps":24,"axis":"Z","frames_dir":"'$D'/out/frames","mp4":"'$D'/out/t.mp4"}}}'
t blender_turntable_1280x720_12f blender -b --factory-startup --python-exit-code 3 -P $S -- $D/turn.json
spec direct '{"render":'"$(r 1920 1080 8)"',"template":{},"materials":[],"shading":{"smooth_angle_deg":30},"model":{"msh":"'$D'/model.msh","labels":{},"scale":0.001},"outputs":{"still":"'$D'/out/direct.png"}}'
t blender_still_from_msh_1920x1080 blender -b --factory-startup --python-exit-code 3 -P $S -- $D/direct.json
t blender_version_probe blender -b --factory-startup --version
# a warm process (hartomat_warm.py) taking five of the jobs above one after another: its high-water mark
W=$HERE/src/main/resources/blender/hartomat_warm.py
for s in still_1920 exports turn still_512 thumb; do echo "{\"spec\": \"$D/$s.json\", \"cwd\": \"$D\"}"; done > $D/warm-jobs.txt
t blender_warm_5_jobs blender -b --factory-startup --python-exit-code 3 -P $W -- $S < $D/warm-jobs.txt
cat $D/results.txt
