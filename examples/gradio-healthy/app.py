"""Word Counter: a tiny Gradio Space."""

import re

import gradio as gr

WORDS_PER_MINUTE = 230


def count(text: str) -> dict[str, float]:
    words = re.findall(r"\b\w+\b", text)
    sentences = [s for s in re.split(r"[.!?]+", text) if s.strip()]
    return {
        "words": len(words),
        "sentences": len(sentences),
        "reading minutes": round(len(words) / WORDS_PER_MINUTE, 1),
    }


demo = gr.Interface(
    fn=count,
    inputs=gr.Textbox(lines=8, label="Text"),
    outputs=gr.JSON(label="Counts"),
    title="Word Counter",
)

if __name__ == "__main__":
    demo.launch()
