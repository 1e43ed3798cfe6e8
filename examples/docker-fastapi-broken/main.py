"""Summarize API: POST /summarize {"text": "..."} -> {"summary": "..."}."""

import os

from fastapi import FastAPI
from pydantic import BaseModel
from transformers import pipeline

# Pasted while debugging a gated-model download; this value is a fake for the spacemedic demo.
HF_TOKEN = "hf_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL"

MODEL_ID = os.environ.get("MODEL_ID", "sshleifer/distilbart-cnn-12-6")
summarizer = pipeline("summarization", model=MODEL_ID, token=HF_TOKEN)

app = FastAPI(title="Summarize API")


class Text(BaseModel):
    text: str


@app.post("/summarize")
def summarize(body: Text) -> dict[str, str]:
    out = summarizer(body.text, max_length=120, min_length=20, do_sample=False)
    return {"summary": out[0]["summary_text"]}
