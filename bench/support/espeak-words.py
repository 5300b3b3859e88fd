# bench:caption-timing's ground truth (a measuring tool, never part of the app): libespeak-ng's own
# word events — the audio position of each word — for a line spoken with the voice, rate and word
# gap the offline voice uses (system-voice.ts: -v VOICE -s WPM -g 2). eSpeak NG is GPL-3.0 and runs
# here as a separate process, as the app runs it.  usage: espeak-words.py VOICE WPM "text"
import ctypes, json, sys
lib = ctypes.CDLL('libespeak-ng.so.1')
class EVENT(ctypes.Structure):
    _fields_ = [('type', ctypes.c_int), ('unique_identifier', ctypes.c_uint), ('text_position', ctypes.c_int),
                ('length', ctypes.c_int), ('audio_position', ctypes.c_int), ('sample', ctypes.c_int),
                ('user_data', ctypes.c_void_p), ('id', ctypes.c_void_p)]
CB = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.POINTER(EVENT))
events = []
samples = [0]
def cb(wav, n, ev):
    samples[0] += n
    i = 0
    while ev[i].type != 0:
        if ev[i].type == 1:  # espeakEVENT_WORD
            events.append((ev[i].text_position, ev[i].length, ev[i].audio_position))
        i += 1
    return 0
cbf = CB(cb)
rate = lib.espeak_Initialize(0x02, 0, None, 0)  # AUDIO_OUTPUT_SYNCHRONOUS
lib.espeak_SetSynthCallback(cbf)
lib.espeak_SetVoiceByName(sys.argv[1].encode())
lib.espeak_SetParameter(1, int(sys.argv[2]), 0)  # espeakRATE
lib.espeak_SetParameter(7, 2, 0)  # espeakWORDGAP, as -g 2
text = sys.argv[3].encode('utf-8')
lib.espeak_Synth(text, len(text) + 1, 0, 0, 0, 0x10, None, None)  # espeakCHARS_UTF8
lib.espeak_Synchronize()
b = text
print(json.dumps({'rate': rate, 'seconds': samples[0] / rate, 'words': [{'text': b[p - 1:p - 1 + l].decode('utf-8', 'replace'), 'pos': p - 1, 'startS': a / 1000} for p, l, a in events]}))
