calls = 0
history = []

def tick(n):
    global calls
    calls += 1
    history.append(n * 2)

for k in range(4):
    tick(k)
print(calls, history)
