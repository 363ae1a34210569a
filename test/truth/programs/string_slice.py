word = "allocation"
head = word[:5]
tail = word[5:]
print(head, tail)
