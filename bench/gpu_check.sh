#!/usr/bin/env bash
# The GPU checks of the device-agnostic code, in one short session on a machine with a CUDA GPU (the `device` tool):
#   1. bench/erc.py on the GPU (fp32 and bf16 autocast): throughput of the reference recipe, ours and the cache;
#   2. one real IEMOCAP run trained on the GPU through `tlerc train --device cuda` (the path every run takes),
#      then `tlerc predict` with its model folder (the labels of a two-utterance conversation);
#   3. the CPU run of the same config for comparison (scores, best epoch, minutes).
# Usage: OUT=<folder> bash bench/gpu_check.sh   (default OUT: bench/results/gpu); about 5 minutes on an H200.
set -euo pipefail
OUT=${OUT:-bench/results/gpu}; mkdir -p "$OUT"
export TLERC_DATA=${TLERC_DATA:-../shared/data}
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv > "$OUT/nvidia_smi.csv" || true
python3 -c "import torch; print('torch', torch.__version__, 'cuda', torch.version.cuda, torch.cuda.is_available())" | tee "$OUT/torch.txt"
python3 bench/erc.py --device cuda --bf16 --n 16 --out "$OUT/erc_bf16_cuda.json" | tee "$OUT/erc_bf16_cuda.txt"
ARGS="--dataset iemocap --variant 3 --source cornell --fraction 0.1 --epochs 5 --bs 1 --frozen-layers 2 --seed 0 --quiet"
tlerc train $ARGS --device cuda --precision bf16 --out "$OUT/run-cuda" | tee "$OUT/train_cuda.txt"
tlerc train $ARGS --device cpu --precision fp32 --out "$OUT/run-cpu" | tee "$OUT/train_cpu.txt"
printf '{"utterances": [{"speaker": "A", "text": "I am so glad you came!"}, {"speaker": "B", "text": "Leave me alone."}]}' > "$OUT/conv.json"
tlerc predict --model "$OUT/run-cuda/model" "$OUT/conv.json" --out "$OUT/predict_cuda_model.json"
find "$OUT"/run-* -type f ! -name '*.json' -delete  # bring back records and configs, not weights or training states
