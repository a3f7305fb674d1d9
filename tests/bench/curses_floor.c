/*
 * curses_floor.c - the floor of the workstation's "start to the first
 * full screen" figure of `make bench` (issue 13): the least a full-screen
 * curses program does before its first screen is on the terminal.  It
 * loads the character type of the locale, opens curses on the terminal
 * as the workstation does (newterm, raw, noecho, keypad, colours), draws
 * one full screen of text shaped like the workstation's list at 80x24 (a
 * header, the tabs and views, a column header, a row with Chinese names
 * on each line but the message line, the key line), through the
 * wide-character calls, and waits for a key: q or F10 ends it.  Like
 * the workstation it leaves the screen and takes it back once before
 * the first frame (ncurses 6.4 writes after every cursor move until
 * then: see buffer_output in tui/ws_main.c).  It
 * reads no database and no configuration: what the workstation takes
 * over it is its own work.
 *
 * usage: curses_floor         (on a terminal; tests/bench/pty_ws.py times
 *                              it next to the workstation)
 *
 * It is linked as the program is (the same static curses, -z now), so
 * the two differ by the program's work and not by how they load.
 */
#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static const char *const names[] = {
	"徐雪", "周伟", "赵静", "魏志强", "周平", "高子豪", "吕平", "徐芳",
	"肖玉兰", "周俊杰", "侯勇", "方玉兰", "卢振华", "林建华", "诸葛霞",
	"崔敏", "任宇轩", "崔芳", "王芳", "李娜",
};

/* s (UTF-8) at y, x through the wide-character calls, in attribute a. */
static void
put(int y, int x, const char *s, attr_t a)
{
	wchar_t w[256];
	size_t n = mbstowcs(w, s, sizeof w / sizeof w[0] - 1);

	if (n == (size_t)-1)
		return;
	w[n] = L'\0';
	attrset(a);
	mvaddnwstr(y, x, w, (int)n);
	attrset(A_NORMAL);
}

/* A line of width cols in attribute a: s, then blanks. */
static void
bar(int y, int cols, const char *s, attr_t a)
{
	attrset(a);
	mvhline(y, 0, ' ', cols);
	attrset(A_NORMAL);
	put(y, 0, s, a);
}

int
main(void)
{
	SCREEN *scr;
	char line[256];
	attr_t head, sel;
	wint_t ch;
	int rows, cols, y, r;

	setlocale(LC_CTYPE, "");
	if ((scr = newterm(NULL, stdout, stdin)) == NULL) {
		fprintf(stderr, "curses_floor: cannot use this terminal\n");
		return 1;
	}
	set_term(scr);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	head = A_BOLD;
	sel = A_REVERSE;
	if (has_colors()) {
		start_color();
		use_default_colors();
		init_pair(1, COLOR_WHITE, COLOR_BLUE);
		init_pair(2, COLOR_BLACK, COLOR_CYAN);
		head = COLOR_PAIR(1) | A_BOLD;
	}
	getmaxyx(stdscr, rows, cols);
	def_prog_mode();
	endwin();
	bar(0, cols, " aftersales │ 王芳 (admin) 售后服务管理员 │ 数据库 "
	    "/var/lib/aftersales 2026-12-01 17:03", head);
	bar(1, cols, " 客户投诉 100k   来电来函 0   工作指令 0   产品档案 0   "
	    "顾客满意度调查表 0", COLOR_PAIR(2));
	bar(2, cols, " 1 我的待办 999+  2 超期  3 全部未结  4 已结  5 按状态  "
	    "6 全部  7 我的岗位", COLOR_PAIR(2) | A_BOLD);
	put(3, 0, " 编号↑        客户名称     产品编号         状态           "
	    "负责人     已过 期限", A_BOLD | A_UNDERLINE);
	for (y = 4, r = 0; y < rows - 2; y++, r++) {
		snprintf(line, sizeof line, " C2026-%06d %-*s LZZSECKA%07d  "
		    "已受理         张伟       8m   23h", r + 1,
		    12 + (int)strlen(names[r % 20]) / 3,
		    names[r % 20], 1234567 + 7919 * r);
		put(y, 0, line, r == 0 ? sel : A_NORMAL);
	}
	bar(rows - 1, cols, "F1帮助 Enter打开 /查找 g编号 n新建 1-7视图 s排序 "
	    "L中/En U用户 F10退出", A_NORMAL);
	refresh();
	do
		r = get_wch(&ch);
	while (r != ERR && !(r == OK && ch == 'q') &&
	       !(r == KEY_CODE_YES && ch == KEY_F(10)));
	endwin();
	delscreen(scr);
	return 0;
}
