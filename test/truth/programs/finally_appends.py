log = []
def risky(n):
    try:
        log.append("start")
        return 10 // n
    finally:
        log.append("end")

risky(2)
try:
    risky(0)
except ZeroDivisionError:
    log.append("caught")
print(log)
