"""Sentiment Checker. The author renamed app.py to main.py and forgot the front matter."""

import gradio as gr
from transformers import pipeline

classifier = pipeline("sentiment-analysis", model="distilbert/distilbert-base-uncased-finetuned-sst-2-english")


def classify(text: str) -> dict[str, float]:
    result = classifier(text)[0]
    return {result["label"]: float(result["score"])}


demo = gr.Interface(fn=classify, inputs="text", outputs="label", title="Sentiment Checker")
demo.launch()
