import streamlit as st

st.title("Hello")
st.write("This app never becomes reachable: the Hub routes to 7860.")
