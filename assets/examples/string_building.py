# Practice 3: every + on strings makes a brand-new string.
words = ["memory", "is", "fun"]
sentence = ""
for word in words:
    sentence += word + " "
better = " ".join(words)
print(sentence)
print(better)
