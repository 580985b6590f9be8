# SPDX-License-Identifier: GPL-3.0-or-later
"""Journey tests: the real vastus executable driven the way a person does.

Each journey runs in a session of its own: an Xvfb server, a window manager (openbox), a D-Bus
session bus (which starts the accessibility bus on demand) and a fresh database in a temporary
folder. Input goes through the X server (XTest, by xdotool); what is on screen is read through
the accessibility tree (pyatspi), finding widgets by role and accessible name. Every step saves a
screenshot into the journey's log folder and prints one TAP line.

Waits poll the accessibility tree until what the step needs is there, with generous limits (the
machine may be loaded); no step passes or fails by how long it took.
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import types

import pyatspi
from gi.repository import Atspi, GLib

# Roles by their short names: R.PUSH_BUTTON, R.TEXT, R.LABEL …
pyatspi_roles = types.SimpleNamespace(**{n[5:]: getattr(pyatspi, n) for n in dir(pyatspi)
                                         if n.startswith('ROLE_')})

# How long a wait polls before the step fails: generous, since CI shares two cores with other
# tests. JOURNEY_TIMEOUT_SCALE multiplies it (e.g. under valgrind; tests/meson.build sets 3 in a
# sanitizer build).
TIMEOUT = 60.0 * float(os.environ.get('JOURNEY_TIMEOUT_SCALE', '1'))
POLL = 0.1


class JourneyError(Exception):
    pass


def _start_display(width, height):
    """Starts Xvfb on a free display number; returns (process, ':N')."""
    r, w = os.pipe()
    proc = subprocess.Popen(
        ['Xvfb', '-displayfd', str(w), '-screen', '0', '%dx%dx24' % (width, height),
         '-nolisten', 'tcp', '-noreset'],
        pass_fds=(w,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(w)
    data = b''
    with os.fdopen(r, 'rb') as f:
        while not data.endswith(b'\n'):
            chunk = f.read(1)
            if not chunk:
                raise JourneyError('Xvfb did not start (exit status %s)' % proc.poll())
            data += chunk
    return proc, ':' + data.decode().strip()


def _start_bus(env):
    """Starts a D-Bus session bus; returns (process, address)."""
    proc = subprocess.Popen(['dbus-daemon', '--session', '--nofork', '--print-address=1'],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    address = proc.stdout.readline().decode().strip()
    if not address:
        raise JourneyError('dbus-daemon did not start (exit status %s)' % proc.poll())
    return proc, address


def _window_manager_ready(env):
    r = subprocess.run(['xdotool', 'getactivewindow'], env=env, capture_output=True, text=True)
    return 'claims not to support' not in r.stderr


def _matches(name, wanted, partial=False):
    """An accessible name matches @wanted as it is, without mnemonic underscores, or as GTK 4.8
    names a button with a mnemonic label: "_Add Patient Add Patient"; or, @partial, contains
    it."""
    if wanted is None:
        return True
    name = name or ''
    if name == wanted or (partial and wanted in name):
        return True
    plain = name.replace('_', '')
    return plain == wanted or plain == wanted + ' ' + wanted.replace('_', '')


def _role_name(role):
    return str(role)[5:].lower().replace('_', ' ') if role is not None else 'widget'


class Journey:
    """One journey: its session, the application, its steps (TAP lines) and its screenshots."""

    STATE_SELECTED = pyatspi.STATE_SELECTED

    def __init__(self, name, width=1280, height=800, dark=False):
        self.name = name
        self.width, self.height = width, height
        self.dark = dark
        build = os.environ.get('JOURNEY_BUILD_DIR')
        if not build:
            raise JourneyError('JOURNEY_BUILD_DIR is not set (meson sets it)')
        self.build = build
        self.log_dir = os.path.join(os.environ.get('JOURNEY_LOG_DIR',
                                                   os.path.join(build, 'meson-logs', 'journey')),
                                    name)
        shutil.rmtree(self.log_dir, ignore_errors=True)
        os.makedirs(self.log_dir)
        self.tmp = tempfile.mkdtemp(prefix='vastus-journey-')
        self.db = os.path.join(self.tmp, 'vastus.db')
        self.steps = 0
        self.failed = False
        self.procs = []
        self.app = None
        # Keystrokes: characters of values typed, and every other key (Tab, arrows, shortcuts).
        self.value_keys = 0
        self.other_keys = 0
        self.values = 0
        self._start_session()

    # Session ---------------------------------------------------------------------------------

    def _spawn(self, argv, log, **kw):
        out = open(os.path.join(self.log_dir, log), 'wb')
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, **kw)
        self.procs.append(proc)
        return proc

    def _start_session(self):
        xvfb, display = _start_display(self.width, self.height)
        self.procs.append(xvfb)
        env = dict(os.environ)
        for var in ('GTK_A11Y', 'NO_AT_BRIDGE', 'DBUS_SESSION_BUS_ADDRESS', 'WAYLAND_DISPLAY',
                    'AT_SPI_BUS_ADDRESS'):
            env.pop(var, None)
        env.update(DISPLAY=display, XDG_RUNTIME_DIR=self._dir('runtime', 0o700),
                   XDG_CONFIG_HOME=self._dir('config'), XDG_DATA_HOME=self._dir('data'),
                   XDG_CACHE_HOME=self._dir('cache'), HOME=self._dir('home'))
        bus, address = _start_bus(env)
        self.procs.append(bus)
        env['DBUS_SESSION_BUS_ADDRESS'] = address
        self.env = env
        self._spawn(['openbox', '--sm-disable'], 'openbox.log', env=env)
        self.wait(lambda: _window_manager_ready(env), 'the window manager')
        # This process is the accessibility client: it finds the bus through these.
        os.environ['DISPLAY'] = display
        os.environ['DBUS_SESSION_BUS_ADDRESS'] = address
        # The focus, from the application's focus events (reading every widget's state after
        # each key would take seconds in a large form).
        self._focus = None
        self._windows = {}
        self._pids = {}
        pyatspi.Registry.registerEventListener(self._focus_event, 'object:state-changed:focused')

    def _focus_event(self, event):
        if event.detail1:
            self._focus = event.source
        elif event.source == self._focus:
            self._focus = None

    def _pump(self):
        """Delivers the accessibility events that have arrived."""
        context = GLib.MainContext.default()
        while context.pending():
            context.iteration(False)

    def _log(self, line):
        """A line in keys.log: every key and where the focus was, for a failed step."""
        with open(os.path.join(self.log_dir, 'keys.log'), 'a') as f:
            f.write(line + '\n')

    def _dir(self, name, mode=0o755):
        path = os.path.join(self.tmp, name)
        os.makedirs(path, mode=mode, exist_ok=True)
        return path

    def launch(self):
        """Starts vastus on the journey's database and waits for its window."""
        env = dict(self.env,
                   GSETTINGS_SCHEMA_DIR=os.path.join(self.build, 'data'),
                   GSETTINGS_BACKEND='keyfile', GSK_RENDERER='cairo',
                   VASTUS_MAIN_THREAD_SQL='abort')
        # Warnings are not fatal here: GTK warns about the machine's icon cache while another
        # test installs the package. finish () prints what Vastus printed.
        # The window fills the screen; the journey at 360 px is a narrow screen.
        settings = os.path.join(self.env['XDG_CONFIG_HOME'], 'glib-2.0', 'settings')
        os.makedirs(settings, exist_ok=True)
        with open(os.path.join(settings, 'keyfile'), 'w') as f:
            f.write('[io/github/vastus/Vastus]\nwindow-width=%d\nwindow-height=%d\n'
                    % (self.width, self.height))
        if self.dark:
            env['ADW_DEBUG_COLOR_SCHEME'] = 'prefer-dark'
        vastus = os.path.join(self.build, 'src', 'vastus')
        # JOURNEY_APP_WRAPPER runs Vastus under a debugger, e.g. "gdb -batch -ex run -ex bt --args".
        wrapper = os.environ.get('JOURNEY_APP_WRAPPER', '').split()
        self.app = self._spawn(wrapper + [vastus, '--db', self.db], 'vastus.log', env=env)
        # Its first window, whatever its title (the first start's or the patients'); given the
        # keyboard when the window manager gave it to none, or to another program's window.
        def ok():
            if self._app_root() is None:
                return None
            w = self.active_window()
            if w is not None:
                return w
            self._give_keyboard(None)
            return None
        self.wait(ok, 'the Vastus window')
        # The window is in the accessibility tree before it is painted: the first screenshot
        # waits for the screen to show more than a plain surface (text brings tens of colours).
        self.wait(self._screen_drawn, 'the Vastus window drawn')

    def _screen_drawn(self):
        probe = os.path.join(self.log_dir, 'drawn-probe.png')
        try:
            subprocess.run(['import', '-window', 'root', probe], env=self.env, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            colours = subprocess.run(['identify', '-format', '%k', probe], env=self.env,
                                     check=True, capture_output=True, text=True).stdout
            return int(colours.strip() or 0) > 16
        finally:
            if os.path.exists(probe):
                os.unlink(probe)

    # The columns of the flat CSV that vastus-cli imports (README, "The CSV").
    CSV_HEADER = ('mrn,name,birth_date,sex,condition,involved_side,surgery_date,injury_date,'
                  'visit_date,body_mass_kg,height_cm,clinician,note,measure,side,trial,value,unit,'
                  'baseline,knee_angle_deg,velocity_deg_s,fixation\n')

    def import_rows(self, rows):
        """Imports @rows (CSV lines under CSV_HEADER) with vastus-cli, before Vastus starts."""
        path = os.path.join(self.tmp, 'clinic.csv')
        with open(path, 'w') as f:
            f.write(self.CSV_HEADER + ''.join(rows))
        self.cli('import', path)

    def cli(self, *args):
        """Runs vastus-cli on the journey's database; fails the step when it fails."""
        r = subprocess.run([os.path.join(self.build, 'src', 'cli', 'vastus-cli'), '--db', self.db]
                           + list(args), env=dict(self.env, GSETTINGS_BACKEND='memory'),
                           capture_output=True, text=True)
        if r.returncode != 0:
            raise JourneyError('vastus-cli %s: %s' % (' '.join(args), r.stderr.strip()))
        return r.stdout

    def close(self):
        for proc in reversed(self.procs):
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)

    # Waiting ---------------------------------------------------------------------------------

    def wait(self, predicate, what, timeout=None):
        """Polls @predicate until it returns something true, which it returns; fails the step
        after a generous limit, naming @what."""
        deadline = time.monotonic() + (timeout or TIMEOUT)
        last_error = None
        while True:
            if self.app is not None and self.app.poll() is not None:
                raise JourneyError('vastus exited (status %s) while waiting for %s; see vastus.log'
                                   % (self.app.returncode, what))
            self._pump()
            try:
                value = predicate()
                if value:
                    return value
            except Exception as e:   # a widget that went away while we read it: poll again
                last_error = e
            if time.monotonic() > deadline:
                raise JourneyError('%s did not appear%s' % (
                    what, ' (last error: %s)' % last_error if last_error else ''))
            time.sleep(POLL)

    # The accessibility tree ------------------------------------------------------------------

    def _app_root(self):
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            if app is not None and app.name == 'vastus':
                # The accessibility library keeps each node's list of children while the journey
                # listens to events, and a child whose announcement it missed (a window that opened
                # under load) stays out of that list, or a closed one in it: children are asked for
                # each time instead.
                app.set_cache_mask(Atspi.Cache(int(Atspi.Cache.DEFAULT) & ~int(Atspi.Cache.CHILDREN)))
                return app
        return None

    def windows(self):
        app = self._app_root()
        if app is None:
            return []
        return [app.getChildAtIndex(i) for i in range(app.childCount)]

    def active_window_title(self):
        """The title of the window that has the keyboard (the X server's word: GTK 4.8 does not
        mark every active window in the accessibility tree)."""
        wid = self.active_window_id()
        if wid is None:
            return None
        r = subprocess.run(['xdotool', 'getwindowname', wid], env=self.env,
                           capture_output=True, text=True)
        return r.stdout.strip() if r.returncode == 0 else None

    def active_window_id(self):
        """The window manager's active window; when it names none (0, or it is not answering),
        the X server's input focus, which a window gets from a click even then."""
        for what in ('getactivewindow', 'getwindowfocus'):
            r = subprocess.run(['xdotool', what], env=self.env, capture_output=True, text=True)
            wid = r.stdout.strip()
            if r.returncode == 0 and wid not in ('', '0', '1'):
                return wid
        return None

    def active_window(self):
        """The accessible of the window that has the keyboard. Windows are remembered by their
        X window: GTK 4.8 aborts when the application is asked for its windows while one of them
        is going away (a NULL object path), so the journey asks only for a window it has not
        seen yet, which is one that has just opened. Another program's window (the other
        workstation's in the server journeys has the same title) is none of them."""
        wid = self.active_window_id()
        if wid is None or not self._is_ours(wid):
            return None
        # The title of that very window (asking for the active one's again may name another,
        # when the keyboard moves on in between).
        r = subprocess.run(['xdotool', 'getwindowname', wid], env=self.env, capture_output=True,
                           text=True)
        if r.returncode != 0:
            return None
        title = r.stdout.strip()
        known = self._windows.get(wid)
        if known is not None:
            try:
                if known.name == title:
                    return known
            except Exception:
                pass
            # Hidden and shown again (as the patient mode does with the others), the window
            # has a new accessible: find it as a new one.
            del self._windows[wid]
        for w in reversed(self.windows()):
            if w is not None and w.name == title and w not in self._windows.values():
                self._windows[wid] = w
                return w
        return None

    @staticmethod
    def extents(acc):
        try:
            e = acc.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        except NotImplementedError:
            return None
        return (e.x, e.y, e.width, e.height)

    @classmethod
    def shown(cls, acc):
        """Whether @acc is drawn: GTK 4.8 marks unmapped widgets visible, but gives them no size."""
        e = cls.extents(acc)
        return e is None or (e[2] > 0 and e[3] > 0)

    @classmethod
    def walk(cls, root):
        """Every node under @root (root first) that has a size; the subtree of a node without
        one is skipped (never shown)."""
        stack = [root]
        while stack:
            acc = stack.pop()
            if acc is None or not cls.shown(acc):
                continue
            yield acc
            stack.extend(acc.getChildAtIndex(i) for i in reversed(range(acc.childCount)))

    def on_screen(self, acc, window):
        """Whether @acc lies inside @window (not scrolled out of it). GTK 4.8 gives no state for
        this, and a stack's hidden page keeps the size it had: a journey names what it looks for
        so that it cannot be found on such a page."""
        e, we = self.extents(acc), self.extents(window)
        if e is None or we is None:
            return True
        x, y, w, h = e
        return x + w > 0 and y + h > 0 and x < we[2] and y < we[3]

    def find_all(self, role=None, name=None, root=None, description=None, partial=False):
        window = self.active_window()
        root = root or window
        if root is None:
            return []
        return [acc for acc in self.walk(root)
                if (role is None or acc.getRole() == role)
                and _matches(acc.name, name, partial)
                and (description is None or description in (acc.description or ''))
                and self.on_screen(acc, window)]

    def find(self, role=None, name=None, root=None, description=None, what=None, partial=False):
        """Waits until a shown widget with @role and accessible @name is in the active window (or
        under @root) and returns the first."""
        what = what or '%s "%s"' % (_role_name(role), name)
        return self.wait(lambda: (self.find_all(role, name, root, description, partial) or [None])[0],
                         what)

    def gone(self, role=None, name=None, root=None, what=None):
        what = what or '"%s" to go away' % name
        return self.wait(lambda: not self.find_all(role, name, root), what)

    def focused(self):
        """The widget with the keyboard, as the accessibility tree says: from its focus events,
        else (a widget made since, whose first focus event may come before the tree knows it)
        by reading the active window's states. None where GTK 4.8 does not say (the text of an
        entry row)."""
        self._pump()
        acc = self._focus
        try:
            if acc is not None and acc.getState().contains(pyatspi.STATE_FOCUSED):
                return acc
        except Exception:
            pass
        window = self.active_window()
        for acc in self.walk(window) if window is not None else []:
            if acc.getState().contains(pyatspi.STATE_FOCUSED):
                self._focus = acc
                return acc
        return None

    @staticmethod
    def is_on(acc, role, name):
        """Whether the focused @acc is the widget with @role and @name, or inside it (a
        drop-down's button)."""
        for _ in range(3):
            if acc is None:
                return False
            if acc.getRole() == role and _matches(acc.name, name):
                return True
            acc = acc.parent
        return False

    def wait_focus(self, role=None, name=None, what=None):
        def ok():
            acc = self.focused()
            return acc if self.is_on(acc, role, name) else None
        return self.wait(ok, what or 'focus on "%s"' % name)

    def wait_window(self, title, what=None, timeout=None):
        """Waits until the active window is the one titled @title. When the window manager gives
        the keyboard to no window at all (none, or one without a title) once that window has
        opened (openbox did, under the sanitizer, for a window opened by a shortcut and for the
        first window of a slow start), or to a window of another program (the other
        workstation of the server journeys, whose window has the same title), the journey
        activates it as a person would click it, and says so in keys.log; a keyboard on
        another window of this Vastus still fails the step."""
        def ok():
            w = self.active_window()
            if w is not None and _matches(w.name, title):
                return w
            # The application is asked for its windows only while none of them has the
            # keyboard (see active_window).
            wid = self.active_window_id()
            if (wid is None or not self.active_window_title() or not self._is_ours(wid)) and any(
                    x is not None and _matches(x.name, title) for x in self.windows()):
                self._give_keyboard(title)
            return None
        window = self.wait(ok, what or 'the window "%s"' % title, timeout)
        self._wait_geometry_settled()
        return window

    def _window_pid(self, wid):
        """The process of the X window @wid (its _NET_WM_PID), or None; remembered once known
        (a window keeps its process)."""
        if wid in self._pids:
            return self._pids[wid]
        r = subprocess.run(['xdotool', 'getwindowpid', wid], env=self.env, capture_output=True,
                           text=True)
        pid = int(r.stdout) if r.returncode == 0 and r.stdout.strip().isdigit() else None
        if pid is not None:
            self._pids[wid] = pid
        return pid

    def _is_ours(self, wid):
        """Whether the X window @wid is one of the Vastus the journey drives (the other
        workstation's windows have the same titles). Under JOURNEY_APP_WRAPPER Vastus is a
        child of the wrapper: any window counts."""
        if self.app is None or os.environ.get('JOURNEY_APP_WRAPPER'):
            return True
        return self._window_pid(wid) == self.app.pid

    def _give_keyboard(self, title):
        """When no window has the keyboard, or another program's has it, activates the shown
        window of this Vastus titled @title (any title when None), and says so in keys.log. A
        window of this Vastus with the keyboard keeps it: that is the step's to judge."""
        wid = self.active_window_id()
        owner = self._window_pid(wid) if wid is not None else None
        ours = self.app is not None and not os.environ.get('JOURNEY_APP_WRAPPER')
        if wid is not None and self.active_window_title() and (not ours or owner == self.app.pid):
            return
        # A shown window (GTK keeps windows it has hidden, which cannot take the keyboard).
        search = ['xdotool', 'search', '--all', '--onlyvisible']
        if ours:
            search += ['--pid', str(self.app.pid)]
        search += ['--name', '^%s$' % re.escape(title) if title is not None else '.']
        r = subprocess.run(search + ['windowactivate', 'windowfocus'], env=self.env,
                           check=False, capture_output=True, text=True)
        if wid is None or not self.active_window_title():
            where = 'no window'
        elif owner is None:
            # The root window (the focus reverts there when the window with it closes) or the
            # window manager's own.
            where = 'X window %s, of no application' % wid
        else:
            where = 'X window %s of process %s, not this Vastus (%s)' % (wid, owner, self.app.pid)
        line = 'the keyboard is on %s: the journey activates "%s" (xdotool: %d %s)' % (
            where, title or 'its window', r.returncode, r.stderr.strip())
        # Polled every 0.1 s until the window shows: each different line once.
        if line != getattr(self, '_given_line', None):
            self._given_line = line
            self._log(line)

    def x_windows(self):
        """The shown X windows as 'id "title" (process)', for a failed step's report."""
        r = subprocess.run(['xdotool', 'search', '--onlyvisible', '--name', '.'], env=self.env,
                           capture_output=True, text=True)
        out = []
        for wid in r.stdout.split():
            name = subprocess.run(['xdotool', 'getwindowname', wid], env=self.env,
                                  capture_output=True, text=True).stdout.strip()
            out.append('%s "%s" (process %s)' % (wid, name, self._window_pid(wid)))
        return out

    def _wait_geometry_settled(self):
        """Waits until the active X window fits the screen and keeps one size and place over two
        reads 150 ms apart (at most 5 s): a window the window manager fits to a 360 px screen
        after it opened lays itself out twice, and a widget with the keyboard in the first layout
        (the Preferences' page tabs in the header bar) may be gone in the second, which moves the
        keyboard. On a loaded machine the window manager's fitting can come later than 150 ms
        after the window opened, so a window still wider than the screen has not settled."""
        def run(*args):
            r = subprocess.run(['xdotool', *args], env=self.env, check=False,
                               capture_output=True, text=True)
            return r.stdout if r.returncode == 0 else None

        def width(text):
            m = re.search(r'Geometry: (\d+)x', text or '')
            return int(m.group(1)) if m else None
        screen = run('getdisplaygeometry')
        screen_width = int(screen.split()[0]) if screen and screen.split() else None

        def fits(text):
            w = width(text)
            return screen_width is None or w is None or w <= screen_width
        deadline = time.monotonic() + 5
        last = run('getactivewindow', 'getwindowgeometry')
        while time.monotonic() < deadline:
            time.sleep(0.15)
            self._pump()
            now = run('getactivewindow', 'getwindowgeometry')
            if now is not None and now == last and fits(now):
                return
            last = now

    @staticmethod
    def sensitive(acc):
        return acc.getState().contains(pyatspi.STATE_SENSITIVE)

    @staticmethod
    def text(acc):
        try:
            t = acc.queryText()
            return t.getText(0, t.characterCount)
        except NotImplementedError:
            return acc.name

    def texts(self, root=None):
        """Every label's text under @root (the active window), in tree order."""
        root = root or self.active_window()
        return [self.text(acc) for acc in self.walk(root) if acc.getRole() == pyatspi.ROLE_LABEL]

    def dump(self, path):
        """Writes the tree of the windows seen (shown nodes) to @path in the log folder."""
        with open(os.path.join(self.log_dir, path), 'w') as f:
            for w in self._windows.values():
                self._dump(w, 0, f)

    def _dump(self, acc, depth, f):
        try:
            if acc is None or not self.shown(acc):
                return
            states = [pyatspi.stateToString(s) for s in acc.getState().getStates()
                      if s in (pyatspi.STATE_FOCUSED, pyatspi.STATE_SENSITIVE, pyatspi.STATE_ACTIVE,
                               pyatspi.STATE_CHECKED, pyatspi.STATE_SELECTED)]
            f.write('%s%s "%s" [%s] %s\n' % ('  ' * depth, acc.getRoleName(), acc.name,
                                            ','.join(states), acc.description or ''))
            for i in range(acc.childCount):
                self._dump(acc.getChildAtIndex(i), depth + 1, f)
        except Exception as e:
            f.write('%s(gone: %s)\n' % ('  ' * depth, e))

    # Input -----------------------------------------------------------------------------------

    def _xdotool(self, *args):
        subprocess.run(['xdotool'] + list(args), env=self.env, check=True)

    def key(self, *keys):
        """Presses keys (xdotool names: Tab, shift+Tab, ctrl+s, Down …); each counts as one
        keystroke other than a value's."""
        self.other_keys += len(keys)
        self._log('key: ' + ' '.join(keys))
        self._xdotool('key', '--delay', '40', *keys)

    def type(self, text):
        """Types @text character by character (what a person types into a field); counted as
        the characters of one value."""
        self.values += 1
        self._log('type: ' + text)
        self.value_keys += len(text)
        self._xdotool('type', '--delay', '40', text)

    def fill(self, field, value, acc=None):
        """Types @value into the field that has the keyboard, which must be the text field
        named @field (@acc, when the caller has it): the step fails unless that field then
        shows @value."""
        acc = acc or self.find(pyatspi.ROLE_TEXT, field)
        before = self.text(acc)
        self.type(value)
        self.wait(lambda: self.text(acc) == before + value,
                  'the field "%s" showing "%s" (it shows "%s"; was the keyboard on it?)'
                  % (field, before + value, self.text(acc)))

    def replace(self, field, value, acc=None):
        """The keyboard is on the text field @field (an entry row, whose focus GTK 4.8 does not
        report): what it shows is replaced by @value."""
        acc = acc or self.find(pyatspi.ROLE_TEXT, field)
        self.key('ctrl+a')
        self.type(value)
        self.wait(lambda: self.text(acc) == value,
                  'the field "%s" showing "%s" (it shows "%s")' % (field, value, self.text(acc)))

    def key_to(self, role, name, key='Tab', limit=80):
        """Presses @key until the keyboard is on the widget with @role and @name, as a person
        moves through a form: every press counts. Fails after @limit presses."""
        for _ in range(limit):
            acc = self.focused()
            self._log('focus: %s' % (acc.name if acc is not None else '(not reported)'))
            if self.is_on(acc, role, name):
                return acc
            self.key(key)
            # The key is handled before the focus moves: wait until it has moved.
            self.wait(lambda: self.focused() is not acc or acc is None, 'the focus to move')
        raise JourneyError('%d presses of %s did not reach %s "%s"'
                           % (limit, key, _role_name(role), name))

    def choose(self, combo, item):
        """Chooses @item in the drop-down named @combo, which has the keyboard: Space opens its
        list, arrows move to @item, Enter takes it."""
        acc = self.find(pyatspi.ROLE_COMBO_BOX, combo)
        self.key('space')
        popover = self.wait(lambda: self._combo_items(acc), 'the list of "%s"' % combo)
        names = [n for n, _, _ in popover]
        if item not in names:
            raise JourneyError('"%s" offers %s, not "%s"' % (combo, names, item))
        # The arrows move from the item with the keyboard: the selected one, or (GTK 4.8's
        # drop-down, when the selected one is not the first) the first.
        selected = next((i for i, (_, _, focus) in enumerate(popover) if focus),
                        next((i for i, (_, sel, _) in enumerate(popover) if sel), 0))
        target = names.index(item)
        moves = ['Down'] * (target - selected) if target > selected else ['Up'] * (selected - target)
        if moves:
            self.key(*moves)
        self.key('Return')
        self.wait(lambda: item in self.texts(acc) and not self._combo_items(acc),
                  '"%s" showing "%s"' % (combo, item))

    def choose_search(self, combo, search):
        """Chooses the first item @search finds in the searchable drop-down named @combo, which
        has the keyboard: Space opens its list, @search is typed into its search field (each
        character a keystroke other than a value's), Down goes to the first item it finds, Enter
        takes it."""
        acc = self.find(pyatspi.ROLE_COMBO_BOX, combo)
        self.key('space')
        self.wait(lambda: self._combo_items(acc), 'the list of "%s"' % combo)
        self.other_keys += len(search)
        self._log('search: ' + search)
        self._xdotool('type', '--delay', '40', search)
        # The list filters as the search field changes (GTK 4.8's accessibility tree keeps the
        # items it filtered out): once the field shows the text, the first item is the one.
        def searched(node, depth=0):
            try:
                if (node.getRole() in (pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY)
                        and self.text(node) == search):
                    return True
                return depth < 12 and any(searched(node.getChildAtIndex(i), depth + 1)
                                          for i in range(node.childCount))
            except Exception:   # a node going away, or one without the text interface
                return False
        self.wait(lambda: searched(acc), 'the search field of "%s" showing "%s"' % (combo, search))
        self.key('Down', 'Return')
        self.wait(lambda: not self._combo_items(acc), 'the list of "%s" to close' % combo)

    def _combo_items(self, combo):
        """The items of @combo's open list as (text, selected, focused), or [] while it is
        closed."""
        for lst in self.walk(combo):
            if lst.getRole() != pyatspi.ROLE_LIST or lst.parent is None:
                continue
            items = [lst.getChildAtIndex(i) for i in range(lst.childCount)]
            if len(items) > 1:
                return [(' '.join(self.texts(it)), it.getState().contains(pyatspi.STATE_SELECTED),
                         it.getState().contains(pyatspi.STATE_FOCUSED))
                        for it in items]
        return []

    def save_as(self, before, path):
        """In the file chooser that opens over the window @before: the name field takes the
        whole path."""
        self.wait(lambda: self.active_window_id() not in (None, before), 'the file chooser')
        self.key('ctrl+a')
        self.type(path)
        self.key('Return')
        self.wait(lambda: self.active_window_id() == before, 'the file chooser to close')

    def open_patient(self, search, name):
        """Ctrl+F (which selects what was searched before), @search typed, and the one patient
        it finds (named @name) opened."""
        self.key('ctrl+f')
        entry = self.wait_focus(pyatspi.ROLE_ENTRY, 'Search patients by name or MRN')
        self.type(search)
        self.wait(lambda: self.text(entry) == search,
                  'the search for "%s" (it shows "%s")' % (search, self.text(entry)))
        patients = self.find(pyatspi.ROLE_LIST, 'Patients')
        self.wait(lambda: [c.name.split(',')[0] for c in
                           (patients.getChildAtIndex(i) for i in range(patients.childCount))]
                  == [name], 'only %s in the list' % name)
        self.key('Down')
        self.key('Return')
        self.find(pyatspi.ROLE_LABEL, name, what='the page of %s' % name)

    def park_pointer(self):
        """Moves the pointer to the screen's top left corner: Xvfb starts it in the middle of
        the screen, where on a narrow screen it lies over a menu's items and takes the highlight
        from the keyboard."""
        self._xdotool('mousemove', '0', '0')

    def click(self, acc):
        """Clicks the middle of @acc with the pointer (inside the active window)."""
        x, y, w, h = self.extents(acc)
        win = subprocess.run(['xdotool', 'getactivewindow'], env=self.env, capture_output=True,
                             text=True, check=True).stdout.strip()
        self._xdotool('mousemove', '--window', win, str(x + w // 2), str(y + h // 2),
                      'click', '1')

    # Steps -----------------------------------------------------------------------------------

    def screenshot(self, label):
        path = os.path.join(self.log_dir, '%02d-%s.png' % (self.steps, label))
        subprocess.run(['import', '-window', 'root', path], env=self.env, check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return path

    def report_failure(self, title, error):
        """The failure and the end of Vastus's log on stderr too: a test runner shows the
        stderr of a failed test, where a CI log that keeps nothing else can be read."""
        lines = ['journey step failed: %s' % title]
        lines += ['  ' + line for line in ('%s' % error).splitlines()]
        # Where the keyboard was, in the X server's word and in the accessibility tree's.
        try:
            names = ['"%s"' % w.name for w in self.windows() if w is not None]
        except Exception as e:
            names = ['(not readable: %s)' % e]
        wid = self.active_window_id()
        lines += ['the window with the keyboard: "%s" (X window %s of process %s; this Vastus '
                  'is process %s)' % (self.active_window_title(), wid,
                                      self._window_pid(wid) if wid is not None else None,
                                      self.app.pid if self.app is not None else None),
                  'the windows of vastus: %s' % ', '.join(names)]
        try:
            lines += ['the shown X windows: %s' % ', '.join(self.x_windows())]
        except OSError as e:
            lines += ['the shown X windows: (not readable: %s)' % e]
        for name, count in (('keys.log', 10), ('vastus.log', 40)):
            log = os.path.join(self.log_dir, name)
            try:
                with open(log, errors='replace') as f:
                    tail = f.read().splitlines()[-count:]
                lines += ['the end of %s:' % log] + ['  ' + line for line in tail]
            except OSError:
                pass
        sys.stderr.write('\n'.join(lines) + '\n')
        sys.stderr.flush()

    def step(self, title, func):
        """Runs one step: a TAP line, and a screenshot after it (passed or failed). After a
        failed step the journey stops: the steps after it are not run."""
        if self.failed:
            return None
        self.steps += 1
        slug = ''.join(c if c.isalnum() else '-' for c in title.lower()).strip('-')[:48]
        try:
            result = func()
        except Exception as e:
            self.failed = True
            self.screenshot(slug + '-FAILED')
            self.dump('%02d-tree.txt' % self.steps)
            print('not ok %d - %s' % (self.steps, title))
            for line in ('%s' % e).splitlines() or [type(e).__name__]:
                print('# ' + line)
            if not isinstance(e, JourneyError):
                for line in traceback.format_exc().splitlines():
                    print('# ' + line)
            print('# screenshots and the accessibility tree: %s' % self.log_dir)
            sys.stdout.flush()
            self.report_failure(title, e)
            return None
        self.screenshot(slug)
        print('ok %d - %s' % (self.steps, title))
        sys.stdout.flush()
        return result

    def finish(self):
        print('1..%d' % self.steps)
        try:
            with open(os.path.join(self.log_dir, 'vastus.log'), errors='replace') as f:
                for line in f:
                    if line.strip():
                        print('# vastus: ' + line.rstrip())
        except OSError:
            pass
        print('# screenshots: %s' % self.log_dir)
        self.close()
        return 1 if self.failed else 0


def run(journey_func, name, prepare=None, **kw):
    """Runs @journey_func (taking the Journey) in a session of its own; exits with its status.
    @prepare (taking the Journey) fills the database before Vastus starts."""
    j = Journey(name, **kw)
    try:
        if prepare is not None:
            j.step('the clinic\'s database as it was', lambda: prepare(j))
        j.step('Vastus starts on %s' % ('its database' if prepare else 'an empty database'),
               j.launch)
        if not j.failed:
            journey_func(j)
    finally:
        status = j.finish()
    sys.exit(status)
