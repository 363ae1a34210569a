history = []

def record(event):
    history.append(event)

record("open")
record("close")
print(history)
