#!/usr/bin/python3
"""Reference values for snn's Siegert, SiegertCV and erfcx, computed with
mpmath at 30 significant digits (Debian: python3-mpmath). Run:
    /usr/bin/python3 data/reference/siegert_mpmath.py > data/reference/siegert.csv
Neuron: tau_m = 20 ms, t_ref = 2 ms, V_th = -50 mV, V_reset = -65 mV.
mu and sigma are the mean and standard deviation (mV) of the free membrane
potential; the Brunel (2000) sigma is sqrt(2)*sigma."""
from mpmath import mp, sqrt, pi, quad, exp, erfc, linspace, nstr

mp.dps = 30
TAU, TREF, TH, VR = 20, 2, -50, -65


def bounds(mu, sd):
    s = sd * sqrt(2)
    return (VR - mu) / s, (TH - mu) / s


def rate(mu, sd):
    yr, yt = bounds(mu, sd)
    return 1000 / (TREF + TAU * sqrt(pi) * quad(lambda u: exp(u * u) * erfc(-u), [yr, yt]))


def cv(mu, sd):
    nu = rate(mu, sd)
    yr, yt = bounds(mu, sd)

    def inner(x):  # integral of e^{x^2+y^2} erfc(-y)^2 over (-inf, x]
        pts = sorted({-sqrt(x * x + 200), x} | ({-abs(x), 0} if x > 0 else set()))
        return quad(lambda y: exp(x * x + y * y) * erfc(-y) ** 2, pts)

    outer = quad(inner, linspace(yr, yt, 9))
    return sqrt(2 * pi * (nu * mp.mpf('1e-3') * TAU) ** 2 * outer)


print("kind,x,mu,sigma,value")
for mu, sd in [(-53, 4), (-50, 2), (-45, 5), (-58, 1.5), (-30, 8), (-60, 1)]:
    print(f"rate,,{mu},{sd},{nstr(rate(mu, sd), 20)}")
    if (mu, sd) != (-60, 1):
        print(f"cv,,{mu},{sd},{nstr(cv(mu, sd), 20)}")
for x in [-5, -1, -0.1, 0, 0.5, 2, 10, 24.9, 25.1, 100]:
    print(f"erfcx,{x},,,{nstr(exp(mp.mpf(x) ** 2) * erfc(x), 20)}")
