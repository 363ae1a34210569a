name = "heap"
size = 48
text = f"{name} holds {size} bytes"
print(text)
