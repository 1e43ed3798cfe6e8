import cv2
import gradio as gr


def edges(image):
    return cv2.Canny(image, 100, 200)


demo = gr.Interface(edges, gr.Image(), gr.Image())
demo.launch(server_name="0.0.0.0", server_port=7860)
