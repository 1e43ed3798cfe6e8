"""The account-wide view: every Space of an author, and patterns across them."""
