#!/usr/bin/python3
"""Reference values for snn's MeanField (Brunel 2000, model A, diffusion
approximation), computed with mpmath at 30 significant digits, independently
of the Go code. Run:
    /usr/bin/python3 data/reference/meanfield_mpmath.py > data/reference/meanfield.csv
Network: NEST's brunel_delta_nest parameters, C_E = 1000, C_I = 250,
C_ext = C_E, J = 0.1 mV, tau_m = 20 ms, theta = 20 mV, t_ref = 2 ms,
E_L = 0 mV; nu_thr = theta/(J C_E tau_m); nu_ext = eta nu_thr. With the
recurrent rate nu (1/ms):
    mu    = tau J (C_ext nu_ext + C_E nu - g C_I nu)
    sigma_B^2 = tau J^2 (C_ext nu_ext + C_E nu + g^2 C_I nu)   (Brunel's sigma)
and the stationary rate solves nu = 1/(t_ref + tau sqrt(pi) int_{y_r}^{y_th} e^{u^2}(1 + erf u) du),
y = (V - mu)/sigma_B. Columns: v_reset, g, eta, rate_hz, mu_mv, sigma_mv
(sigma = sigma_B/sqrt(2), the sd of the free membrane potential), cv."""
from mpmath import mp, sqrt, pi, quad, exp, erfc, findroot, nstr, linspace

mp.dps = 30
TAU, TREF, TH, J, CE, CI = mp.mpf(20), mp.mpf(2), mp.mpf(20), mp.mpf('0.1'), 1000, 250


def moments(nu, g, eta):
    nu_ext = eta * TH / (J * CE * TAU)
    mu = TAU * J * (CE * nu_ext + CE * nu - g * CI * nu)
    sb = sqrt(TAU * J * J * (CE * nu_ext + CE * nu + g * g * CI * nu))
    return mu, sb


def siegert(mu, sb, vr):
    yr, yt = (vr - mu) / sb, (TH - mu) / sb
    return 1 / (TREF + TAU * sqrt(pi) * quad(lambda u: exp(u * u) * erfc(-u), [yr, yt]))


def cv(nu, mu, sb, vr):
    yr, yt = (vr - mu) / sb, (TH - mu) / sb

    def inner(x):
        pts = sorted({-sqrt(x * x + 200), x} | ({-abs(x), 0} if x > 0 else set()))
        return quad(lambda y: exp(x * x + y * y) * erfc(-y) ** 2, pts)

    return sqrt(2 * pi * (nu * TAU) ** 2 * quad(inner, linspace(yr, yt, 9)))


def solve(g, eta, vr):
    f = lambda nu: siegert(*moments(nu, g, eta), vr) - nu
    # Bracket the lowest sign change on a geometric grid, as the Go code does.
    lo, step = mp.mpf(0), mp.mpf('1e-6')
    while True:
        hi = min(lo + step, 1 / TREF)
        if f(hi) <= 0:
            break
        lo, step = hi, step * mp.mpf('1.5')
    return findroot(f, (lo, hi), solver='anderson')


print("v_reset,g,eta,rate_hz,mu_mv,sigma_mv,cv")
for vr in (10, 0):
    for g, eta in ((5, 2), (6, 4), (4.5, '0.9'), (8, 2), (3, 2), (5, 4)):
        g, eta = mp.mpf(g), mp.mpf(eta)
        nu = solve(g, eta, vr)
        mu, sb = moments(nu, g, eta)
        print(",".join([str(vr), nstr(g, 4), nstr(eta, 4), nstr(1000 * nu, 20), nstr(mu, 20), nstr(sb / sqrt(2), 20), nstr(cv(nu, mu, sb, vr), 15)]))
