log = []
def work(x):
    try:
        log.append("start")
        return 10 // x
    finally:
        log.append("end")

work(2)
try:
    work(0)
except ZeroDivisionError:
    log.append("caught")
print(log)
