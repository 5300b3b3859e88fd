#!/bin/sh
# Regenerates the example product shots (drawn with FFmpeg, committed because they are tiny).
# Run from the repo root: sh resources/briefs/images/make-images.sh
set -e
FF=node_modules/@ffmpeg-installer/linux-x64/ffmpeg
FONT=resources/fonts/DejaVuSans-Bold.ttf
OUT=resources/briefs/images
$FF -hide_banner -loglevel error -y -f lavfi -i "color=c=0xF3E9DC:s=640x800,format=rgba" -vf "drawbox=x=230:y=60:w=180:h=90:color=0x2B1D14:t=fill,drawbox=x=200:y=150:w=240:h=40:color=0x3B2A1E:t=fill,drawbox=x=170:y=190:w=300:h=560:color=0x4A3121:t=fill,drawbox=x=185:y=205:w=40:h=520:color=0x6B4A33:t=fill,drawbox=x=170:y=360:w=300:h=230:color=0xE8C07D:t=fill,drawbox=x=170:y=360:w=300:h=8:color=0xC98B3C:t=fill,drawbox=x=170:y=582:w=300:h=8:color=0xC98B3C:t=fill,drawtext=fontfile=$FONT:text=LUNA:fontsize=64:fontcolor=0x2B1D14:x=(w-text_w)/2:y=395,drawtext=fontfile=$FONT:text=COLD BREW:fontsize=30:fontcolor=0x2B1D14:x=(w-text_w)/2:y=480,drawtext=fontfile=$FONT:text=organic • 500 ml:fontsize=20:fontcolor=0x5A3E2B:x=(w-text_w)/2:y=530,drawbox=x=120:y=750:w=400:h=14:color=0xD9CBB8:t=fill" -frames:v 1 $OUT/luna-bottle.png
$FF -hide_banner -loglevel error -y -f lavfi -i "color=c=0xE6EEF0:s=640x800,format=rgba" -vf "drawbox=x=190:y=230:w=260:h=480:color=0xFFFFFF@0.9:t=fill,drawbox=x=205:y=330:w=230:h=365:color=0x3D2618:t=fill,drawbox=x=205:y=330:w=230:h=30:color=0xC9A27A:t=fill,drawbox=x=230:y=260:w=80:h=80:color=0xDDEFF5:t=fill,drawbox=x=320:y=280:w=90:h=90:color=0xCFE6EE:t=fill,drawbox=x=262:y=380:w=70:h=70:color=0x6B4A33@0.8:t=fill,drawbox=x=355:y=120:w=16:h=420:color=0x7FB8A4:t=fill,drawbox=x=150:y=710:w=340:h=16:color=0xC7D3D6:t=fill,drawtext=fontfile=$FONT:text=LUNA:fontsize=40:fontcolor=0xE8C07D:x=(w-text_w)/2:y=560" -frames:v 1 $OUT/luna-glass.png
