"""CSV Explorer: upload a CSV, filter its rows, chart a column."""

import altair as alt
import pandas as pd
import streamlit as st

st.set_page_config(page_title="CSV Explorer", layout="wide")
st.title("CSV Explorer")

upload = st.file_uploader("CSV file", type=["csv"])
if upload is None:
    st.info("Upload a CSV to start.")
    st.stop()

df = pd.read_csv(upload)
st.write(f"{len(df)} rows, {len(df.columns)} columns")

query = st.text_input("Filter (pandas query)", placeholder="price > 10 and city == 'Paris'")
if query:
    try:
        df = df.query(query)
    except Exception as exc:  # a bad query is the user's typo, not a crash
        st.error(f"Cannot apply filter: {exc}")

st.dataframe(df, use_container_width=True)

numeric = df.select_dtypes("number").columns.tolist()
if numeric:
    column = st.selectbox("Chart column", numeric)
    st.altair_chart(alt.Chart(df).mark_bar().encode(alt.X(column, bin=True), y="count()"), use_container_width=True)
