import gradio as gr
from transformers import pipeline

# Runs at import: the model is fetched every time the Space starts.
asr = pipeline("automatic-speech-recognition", model="openai/whisper-small")


def transcribe(audio):
    return asr(audio)["text"]


def translate(audio, target):
    # Only runs when a user clicks, so it is not a start-up cost.
    model = pipeline("translation", model=f"Helsinki-NLP/opus-mt-en-{target}")
    return model(transcribe(audio))[0]["translation_text"]


with gr.Blocks() as demo:
    audio = gr.Audio(type="filepath")
    lang = gr.Dropdown(["de", "fr"], value="de")
    out = gr.Textbox()
    gr.Button("Transcribe").click(transcribe, audio, out)
    gr.Button("Translate").click(translate, [audio, lang], out)

demo.launch()
