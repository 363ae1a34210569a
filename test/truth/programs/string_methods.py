text = "  Memory Is Fun  "
clean = text.strip()
lower = clean.lower()
words = lower.split()
joined = "-".join(words)
print(clean, words, joined, joined.upper())
